import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeRouterConfig, type LocalGraphInput } from '../compose/local-config.ts';
import type { RouterConfig } from '../../shared/router-config.ts';
import { createRouter, type Router } from '../router.ts';

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
    extensions?: Record<string, unknown>;
  };
}

/** POSTs a query to a router; `headers` may carry x-feature-flag, cookie, accept… */
export async function gql(
  baseUrl: string,
  query: string,
  headers: Record<string, string> = {},
  variables?: Record<string, unknown>,
): Promise<GraphQLResponse> {
  const res = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  let body: GraphQLResponse['body'];
  try {
    body = JSON.parse(text) as GraphQLResponse['body'];
  } catch {
    throw new Error(`not JSON (${res.status}): ${text.slice(0, 300)}`);
  }
  return { status: res.status, headers: res.headers, body };
}

export function mustCompose(input: LocalGraphInput): RouterConfig {
  const result = composeRouterConfig(input);
  if (!result.ok) throw new Error(`composition failed: ${result.errors.map((e) => e.message).join('; ')}`);
  return result.config;
}

export const CROSS_QUERY = '{ topProducts(first: 2) { name reviews { body author { name } } } }';
export const CROSS_DATA = {
  topProducts: [
    {
      name: 'Table',
      reviews: [
        { body: 'Sturdy and good value.', author: { name: 'Ada Lovelace' } },
        { body: 'Wobbles a little on tiles.', author: { name: 'Alan Turing' } },
      ],
    },
    { name: 'Couch', reviews: [{ body: 'Too soft for my taste.', author: { name: 'Ada Lovelace' } }] },
  ],
};

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(server: Server, port = 0): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Routers serving configs on loopback for one test file; `close` stops every one. */
export function routerServers() {
  const running: { router: Router; server: RunningServer }[] = [];
  return {
    async serve(config: unknown, options: Parameters<typeof createRouter>[0] = {}) {
      const router = createRouter(options);
      const result = await router.applyConfig(config);
      if (result.status !== 'applied') throw new Error(JSON.stringify(result));
      const server = await listen(createServer(router.handle));
      running.push({ router, server });
      return { router, url: server.url };
    },
    async close() {
      for (const r of running.splice(0)) {
        await r.server.close();
        await r.router.close();
      }
    },
  };
}

/** Forwards to a subgraph after a delay: a slow subgraph, or one slow enough to span a config swap. */
export async function startDelayProxy(
  targetUrl: string,
  delayMs: number,
): Promise<RunningServer & { graphqlUrl: string; requests(): number; abandoned(): number }> {
  const target = new URL(targetUrl);
  let requests = 0;
  let abandoned = 0;
  const server = createServer((req, res) => {
    requests++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const timer = setTimeout(() => {
        const upstream = httpRequest(
          {
            host: target.hostname,
            port: target.port,
            path: target.pathname,
            method: req.method,
            headers: { ...req.headers, host: target.host },
          },
          (up) => {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
          },
        );
        upstream.on('error', () => res.destroy());
        upstream.end(Buffer.concat(chunks));
      }, delayMs);
      res.on('close', () => {
        clearTimeout(timer);
        // The caller hung up before the answer: the router cancelled the call.
        if (!res.writableFinished) abandoned++;
      });
    });
  });
  const running = await listen(server);
  return {
    ...running,
    graphqlUrl: `${running.url}/graphql`,
    requests: () => requests,
    abandoned: () => abandoned,
  };
}

/** Posts a query to a router and returns a way to hang up before the answer comes. */
export function queryThenLeave(routerUrl: string, query: string): { leave(): Promise<void> } {
  const client = new AbortController();
  const pending = fetch(`${routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: client.signal,
  }).catch((err: unknown) => err);
  return {
    async leave() {
      client.abort();
      await pending;
    },
  };
}

export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
