import { createGraphQLError } from 'graphql-yoga';
import { serveSubgraph, type RunningSubgraph } from '../../control-plane/demo/subgraphs/serve.ts';

/**
 * A subgraph that checks and echoes the headers its router sends, for header-rule tests:
 *   <name>Headers: the request's headers as a JSON object (lower-case names)
 *   <name>Secret:  answers only with `Authorization: Bearer <token>`, else a field error
 * Each instance has its own root fields, so two of them compose into one graph.
 */
export function headerEchoSdl(name: string): string {
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
type Query {
  ${name}Headers: String!
  ${name}Secret: String
}
`;
}

export function serveHeaderEcho(name: string, token: string): Promise<RunningSubgraph> {
  const headersOf = (ctx: unknown) => (ctx as { request: Request }).request.headers;
  return serveSubgraph(
    name,
    headerEchoSdl(name),
    {
      Query: {
        [`${name}Headers`]: (_: unknown, __: unknown, ctx: unknown) =>
          JSON.stringify(Object.fromEntries(headersOf(ctx))),
        [`${name}Secret`]: (_: unknown, __: unknown, ctx: unknown) => {
          if (headersOf(ctx).get('authorization') !== `Bearer ${token}`)
            throw createGraphQLError(`${name}: 401 Unauthorized: send Authorization: Bearer <token>`, {
              extensions: { code: 'UNAUTHENTICATED' },
            });
          return `${name} secret`;
        },
      },
    },
    '127.0.0.1',
    0,
  );
}
