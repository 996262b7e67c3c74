import { expect } from 'vitest';
import type { TestClient } from '../../testing/test-client.ts';
import { ORG } from '../../testing/test-server.ts';
import { graphPaths } from '../../../shared/api/graph-paths.ts';
import type { DatabaseHandle } from '../../db/client.ts';

/** Small Federation v2 subgraphs with an entity resolved across them. */
export const productsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "id") {
    id: ID!
    name: String!
    price: Int
  }
  type Query {
    products: [Product!]!
    product(id: ID!): Product
  }
`;

export const reviewsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Review {
    id: ID!
    body: String!
    rating: Int!
  }
  type Product @key(fields: "id") {
    id: ID!
    reviews: [Review!]!
  }
  type Query {
    reviews: [Review!]!
  }
`;

/** reviews, but claiming Product.name with another type: composition fails. */
export const conflictingReviewsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "id") {
    id: ID!
    name: Int
  }
  type Query {
    reviews: [String!]!
  }
`;

export const accountsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type User @key(fields: "id") {
    id: ID!
    email: String!
  }
  type Query {
    me: User
  }
`;

export const ns = 'default';
export const paths = {
  graphs: graphPaths.graphs(ORG, ns),
  graph: (name: string) => graphPaths.graph(ORG, ns, name),
  subgraphs: graphPaths.subgraphs(ORG, ns),
  subgraph: (name: string) => graphPaths.subgraph(ORG, ns, name),
  publish: (name: string) => graphPaths.subgraphSchema(ORG, ns, name),
  check: (name: string) => graphPaths.subgraphCheck(ORG, ns, name),
  tokens: (graph: string) => graphPaths.routerTokens(ORG, ns, graph),
};

export async function createGraph(
  c: TestClient,
  name: string,
  labelMatchers: string[],
  routingUrl = 'http://localhost:3002/graphql',
) {
  const res = await c.json('POST', paths.graphs, { name, routingUrl, labelMatchers });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { graph: { id: string; status: string }; compositions: Outcome[] };
}

export interface Outcome {
  graph: string;
  compositionId: string;
  status: 'success' | 'failed';
  errors: { message: string; subgraph: string | null }[];
  routerConfigHash: string | null;
  routerConfigChanged: boolean;
}

export async function publish(
  c: TestClient,
  name: string,
  sdl: string,
  extra: { routingUrl?: string; labels?: string[]; type?: string } = {},
) {
  const res = await c.json('POST', paths.publish(name), {
    sdl,
    routingUrl: extra.routingUrl ?? `http://localhost:4001/${name}`,
    ...(extra.labels ? { labels: extra.labels } : {}),
    ...(extra.type ? { type: extra.type } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as {
    version: { version: number };
    created: boolean;
    unchanged: boolean;
    compositions: Outcome[];
  };
}

export async function createRouterToken(c: TestClient, graph: string): Promise<string> {
  const res = await c.json('POST', paths.tokens(graph), { name: `router for ${graph}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as string;
}

/** Runs SQL on the test database directly, on either backend. */
export async function query<T>(database: DatabaseHandle, text: string, params: unknown[] = []): Promise<T[]> {
  return database.driver.kind === 'pglite'
    ? (await database.driver.client.query<T>(text, params)).rows
    : ((await database.driver.pool.query(text, params)).rows as T[]);
}
