import { createServer } from 'node:http';
import { GraphQLError } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSubgraph, type RunningSubgraph } from '../control-plane/demo/subgraphs/serve.ts';
import { describeEntityMiss, originOf } from './entity-misses.ts';
import { errorMasker } from './gateway.ts';
import type { PlannerKind } from './planner.ts';
import { createRouter, type Router } from './router.ts';
import { gql, listen, mustCompose, type RunningServer } from './testing/helpers.ts';

// reviews hands out a key (u9) that accounts does not know.
const reviewsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { reviews: [Review!]! }
  type Review { body: String! author: User }
  type User @key(fields: "id", resolvable: false) { id: ID! }
`;
const accountsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { me: User }
  type User @key(fields: "id") { id: ID! name: String! nickname: String }
`;
const users: Record<string, { id: string; name: string }> = { u1: { id: 'u1', name: 'Ada Lovelace' } };

let subgraphs: RunningSubgraph[] = [];
const running: { router: Router; server: RunningServer }[] = [];

beforeAll(async () => {
  subgraphs = [
    await serveSubgraph(
      'reviews',
      reviewsSdl,
      {
        Query: {
          reviews: () => [
            { body: 'Known author', author: { id: 'u1' } },
            { body: 'Unknown author', author: { id: 'u9' } },
          ],
        },
      },
      '127.0.0.1',
      0,
    ),
    await serveSubgraph(
      'accounts',
      accountsSdl,
      {
        Query: { me: () => users['u1'] },
        User: { __resolveReference: (ref: { id: string }) => users[ref.id] ?? null },
      },
      '127.0.0.1',
      0,
    ),
  ];
});
afterAll(async () => {
  for (const r of running) {
    await r.server.close();
    await r.router.close();
  }
  await Promise.all(subgraphs.map((s) => s.close()));
});

async function routerWith(planner: PlannerKind): Promise<string> {
  const router = createRouter({ planner });
  const config = mustCompose({ subgraphs: subgraphs.map((s) => ({ name: s.name, url: s.url, sdl: s.sdl })) });
  expect((await router.applyConfig(config)).status).toBe('applied');
  const server = await listen(createServer(router.handle));
  running.push({ router, server });
  return server.url;
}

describe('an entity a subgraph does not find', { timeout: 30_000 }, () => {
  it.each(['rust', 'js'] as const)('names the subgraph, the type and the key (%s planner)', async (planner) => {
    const url = await routerWith(planner);
    const res = await gql(url, '{ reviews { body author { name } } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      reviews: [
        { body: 'Known author', author: { name: 'Ada Lovelace' } },
        { body: 'Unknown author', author: null },
      ],
    });
    expect(res.body.errors).toHaveLength(1);
    const error = res.body.errors![0]!;
    expect(error.message).toMatch(
      /^Cannot return null for non-nullable field User\.name: accounts returned no User for \{"id":"u9"\}/,
    );
    // The Rust planner's plan tells where the key came from.
    if (planner === 'rust') expect(error.message).toMatch(/; the key came from reviews$/);
    // The Rust planner places it on the entity, graphql-js (JS planner) on the null field.
    expect(error.path).toEqual(planner === 'rust' ? ['reviews', 1, 'author'] : ['reviews', 1, 'author', 'name']);
    expect(error.extensions).toMatchObject({
      code: 'ENTITY_NOT_FOUND',
      serviceName: 'accounts',
      typename: 'User',
      representation: { id: 'u9' },
    });
    expect(JSON.stringify(res.body)).not.toContain('Unexpected error');
  });

  it('stays silent when only nullable fields were asked, as federation routers do', async () => {
    const url = await routerWith('rust');
    const res = await gql(url, '{ reviews { author { id nickname } } }');
    expect(res.body).toEqual({
      data: { reviews: [{ author: { id: 'u1', nickname: null } }, { author: { id: 'u9', nickname: null } }] },
    });
  });
});

describe('describeEntityMiss', () => {
  it('says who found nothing for which key, and where the key came from when known', () => {
    const miss = { subgraph: 'accounts', typename: 'User', representation: { id: 'u9' }, field: 'User.name' };
    expect(describeEntityMiss(miss)).toBe(
      'Cannot return null for non-nullable field User.name: accounts returned no User for {"id":"u9"}',
    );
    expect(describeEntityMiss({ ...miss, from: 'reviews' })).toMatch(/; the key came from reviews$/);
  });

  it('finds the fetch that produced the parent from the plan', () => {
    const op = (s: string) => `{ _entities { ... on ${s} { x } } }`;
    const plan = {
      kind: 'Sequence' as const,
      nodes: [
        { kind: 'Fetch' as const, serviceName: 'products', operation: '{ topProducts { upc } }' },
        { kind: 'Flatten' as const, path: [{ Field: 'topProducts' }, '@' as const], node: { kind: 'Fetch' as const, serviceName: 'reviews', operation: op('Product') } },
        {
          kind: 'Flatten' as const,
          path: [{ Field: 'topProducts' }, '@' as const, { Field: 'reviews' }, '@' as const, { Field: 'author' }],
          node: { kind: 'Fetch' as const, serviceName: 'accounts', operation: op('User') },
        },
      ],
    };
    expect(originOf(plan, 'accounts', op('User'))).toBe('reviews');
    expect(originOf(plan, 'reviews', op('Product'))).toBe('products');
    expect(originOf(plan, 'nobody', op('User'))).toBeUndefined();
  });
});

describe('error masking', () => {
  it('keeps the message of an unexpected error, never its stack, unless masking is on', () => {
    const boom = new GraphQLError('boom', { originalError: new Error('the engine broke: boom') });
    boom.originalError!.stack = 'Error: boom\n    at secret (/srv/router.js:1:1)';
    const shown = errorMasker(false)(boom.originalError, 'Unexpected error.', true) as GraphQLError;
    expect(shown.message).toBe('the engine broke: boom');
    expect(JSON.stringify(shown)).not.toContain('secret');
    expect(shown.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    const wrapped = errorMasker(false)(boom, 'Unexpected error.', true) as GraphQLError;
    expect(JSON.stringify(wrapped)).not.toContain('/srv/router.js');
    expect((errorMasker(true)(new Error('x'), 'Unexpected error.', false) as Error).message).toBe('Unexpected error.');
  });
});
