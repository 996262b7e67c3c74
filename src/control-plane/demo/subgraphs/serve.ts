import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLFieldResolver } from 'graphql';
import { createYoga } from 'graphql-yoga';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- resolvers receive the parent object of their type
export type Resolvers = Record<string, Record<string, GraphQLFieldResolver<any, unknown>>>;

export interface RunningSubgraph {
  name: string;
  url: string;
  sdl: string;
  close(): Promise<void>;
}

/** One Federation subgraph on its own node:http server, answering at /graphql. */
export async function serveSubgraph(
  name: string,
  sdl: string,
  resolvers: Resolvers,
  host: string,
  port: number,
): Promise<RunningSubgraph> {
  const yoga = createYoga({
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    logging: false,
  });
  const server = createServer(yoga);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port: actual } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { name, url: `http://${urlHost}:${actual}/graphql`, sdl, close: () => closeServer(server) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive sockets from routers would otherwise hold close() open.
    server.closeAllConnections();
  });
}
