import { createServer } from 'node:http';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import { createRouter } from './router.ts';
import {
  gql,
  listen,
  mustCompose,
  queryThenLeave,
  routerServers,
  startDelayProxy,
  waitFor,
} from './testing/helpers.ts';
import type { SubgraphExecutionRequest, SubgraphTransportProvider } from './transports.ts';

const strict = { accept: 'application/graphql-response+json' };

let demo: DemoSubgraphs;
const routers = routerServers();
const routerFor = routers.serve;

beforeAll(async () => {
  demo = await startDemoSubgraphs();
});
afterAll(async () => {
  await routers.close();
  await demo.close();
});

describe('bad input', { timeout: 30_000 }, () => {
  let url: string;
  beforeAll(async () => {
    ({ url } = await routerFor(mustCompose({ subgraphs: demo.subgraphs }), {
      limits: { maxDepth: 4, maxAliases: 3, maxQueryBytes: 2000, maxBodyBytes: 10_000 },
    }));
  });

  it('refuses queries deeper than the limit', async () => {
    const ok = await gql(url, '{ topProducts { reviews { author { name } } } }', strict);
    expect(ok.status).toBe(200);
    const deep = await gql(url, '{ topProducts { reviews { author { reviews { body } } } } }', strict);
    expect(deep.status).toBe(400);
    expect(deep.body.errors![0]).toMatchObject({
      message: expect.stringContaining('too deep'),
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
    // Fragments do not hide depth.
    const viaFragment = await gql(
      url,
      '{ topProducts { ...P } } fragment P on Product { reviews { author { reviews { body } } } }',
      strict,
    );
    expect(viaFragment.body.errors![0]!.extensions!['code']).toBe('QUERY_TOO_DEEP');
  });

  it('refuses too many aliases, counting each fragment spread', async () => {
    expect((await gql(url, '{ a: me { name } b: me { name } c: me { name } }', strict)).status).toBe(200);
    const many = await gql(
      url,
      '{ ...F ...F } fragment F on Query { a: me { name } b: me { name } }',
      strict,
    );
    expect(many.status).toBe(400);
    expect(many.body.errors![0]!.extensions!['code']).toBe('TOO_MANY_ALIASES');
  });

  it('refuses oversized queries and bodies with 413', async () => {
    const big = await gql(url, `{ me { name } }${' '.repeat(3000)}`);
    expect(big.status).toBe(413);
    expect(big.body.errors![0]!.extensions!['code']).toBe('QUERY_TOO_LARGE');
    const body = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ me { name } }', variables: { x: 'y'.repeat(20_000) } }),
    });
    expect(body.status).toBe(413);
    expect(await body.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_TOO_LARGE' } }] });
  });

  it('answers malformed JSON, invalid queries and odd requests with GraphQL errors and 4xx', async () => {
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...strict, ...headers },
        body,
      });
    const cases: [Promise<Response>, number][] = [
      [post('{"query": "{ me { name }'), 400],
      [post('{"query": 5}'), 400],
      [post('{"query": "{ me { name } }", "variables": "nope"}'), 400],
      [post('{"query": "{ nope }"}'), 400],
      [post('{"query": "{ me { name "}'), 400],
      [post('{"query": "query ($id: ID!) { user(id: $id) { name } }", "variables": {}}'), 400],
      [post('[]'), 400],
      [post('null'), 400],
      [post('"{ me { name } }"'), 400],
      [post('{"query": 5}', { 'content-type': 'application/graphql+json; charset=utf-8' }), 400],
      [post('{"query": "{ me { name } }"}', { 'content-type': 'text/plain' }), 415],
      [post('{"query": "{ me { name } }"}', { 'content-type': 'Application/JSON' }), 415],
      [fetch(`${url}/graphql`, { method: 'DELETE' }), 405],
      [fetch(`${url}/graphql`, { headers: strict }), 400],
      [fetch(`${url}/graphql`), 400],
      [post('{"query": "{ nope }"}', { accept: 'application/json' }), 400],
    ];
    for (const [pending, status] of cases) {
      const res = await pending;
      expect(res.status).toBe(status);
      const body = (await res.json()) as { errors: { message: string }[] };
      expect(body.errors[0]!.message).toBeTruthy();
      expect(JSON.stringify(body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    // Still alive and well.
    expect((await gql(url, '{ me { name } }')).body.data).toEqual({ me: { name: 'Ada Lovelace' } });
  });
});

describe('subgraph faults', { timeout: 30_000 }, () => {
  it('fails only the fields of a subgraph that is down, naming it', async () => {
    const gone = await listen(createServer());
    await gone.close();
    const subgraphs = demo.subgraphs.map((s) =>
      s.name === 'accounts' ? { ...s, url: `${gone.url}/graphql` } : s,
    );
    const { url } = await routerFor(mustCompose({ subgraphs }));
    const res = await gql(url, '{ me { name } topProducts(first: 1) { name } }');
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ me: null, topProducts: [{ name: 'Table' }] });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]).toMatchObject({
      message: expect.stringMatching(/^Subgraph "accounts" is unavailable: .*ECONNREFUSED/),
      path: ['me'],
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'accounts' },
    });
    // A 200 with partial data still counts as a request with errors.
    await waitFor('the error counter', async () => {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      return /switchyard_router_request_errors_total\{served_by="base"\} 1\b/.test(metrics);
    });
  });

  /** The demo graph with `reviews` behind a proxy that answers after `delayMs`. */
  async function withSlowReviews(delayMs: number) {
    const reviews = demo.subgraphs.find((s) => s.name === 'reviews')!;
    const slow = await startDelayProxy(reviews.url, delayMs);
    const subgraphs = demo.subgraphs.map((s) => (s.name === 'reviews' ? { ...s, url: slow.graphqlUrl } : s));
    return { slow, config: mustCompose({ subgraphs }) };
  }

  it('times out a slow subgraph after the configured time, naming it', async () => {
    const { slow, config } = await withSlowReviews(3000);
    try {
      const { url } = await routerFor(config, { subgraphTimeoutMs: 300 });
      const started = Date.now();
      const res = await gql(url, '{ me { name } topProducts(first: 1) { name reviews { body } } }');
      expect(Date.now() - started).toBeLessThan(2500);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        me: { name: 'Ada Lovelace' },
        topProducts: [{ name: 'Table', reviews: null }],
      });
      expect(res.body.errors![0]).toMatchObject({
        message: 'Subgraph "reviews" did not answer within 300 ms',
        extensions: { code: 'SUBGRAPH_TIMEOUT', serviceName: 'reviews' },
      });
      // The call itself is cancelled, not left running behind the answer.
      await waitFor('the timed-out call to be cancelled', async () => slow.abandoned() === 1, 2000);
    } finally {
      await slow.close();
    }
  });

  it('cancels subgraph calls when the client goes away', async () => {
    const { slow, config } = await withSlowReviews(5000);
    try {
      const { url } = await routerFor(config, { subgraphTimeoutMs: 10_000 });
      const request = queryThenLeave(url, '{ topProducts(first: 1) { reviews { body } } }');
      await waitFor('the call to reach the subgraph', async () => slow.requests() === 1);
      await request.leave();
      await waitFor('the call to be cancelled', async () => slow.abandoned() === 1, 2000);
    } finally {
      await slow.close();
    }
  });
});

describe('transport seam', { timeout: 30_000 }, () => {
  it('fails a plugin subgraph with no transport by name, then serves it once a provider registers', async () => {
    const accounts = demo.subgraphs.find((s) => s.name === 'accounts')!;
    const config = mustCompose({ subgraphs: demo.subgraphs });
    const asPlugin = {
      ...config,
      base: {
        ...config.base,
        subgraphs: config.base.subgraphs.map((s) =>
          s.name === 'accounts' ? { ...s, kind: 'grpc_plugin' as const, url: null } : s,
        ),
      },
    };
    const { router, url } = await routerFor(asPlugin);

    const before = await gql(url, '{ me { name } topProducts(first: 1) { name } }');
    expect(before.body.data).toEqual({ me: null, topProducts: [{ name: 'Table' }] });
    expect(before.body.errors![0]).toMatchObject({
      message: 'Subgraph "accounts" is a grpc_plugin subgraph and this router has no grpc_plugin transport',
      extensions: { code: 'SUBGRAPH_TRANSPORT_MISSING', serviceName: 'accounts' },
    });

    // A provider that answers over HTTP stands in for the plugin transport.
    const seen: string[] = [];
    const provider: SubgraphTransportProvider = {
      getExecutor(subgraph, ctx) {
        seen.push(`executor ${subgraph.name} for ${ctx.servedBy}`);
        return (async (request: SubgraphExecutionRequest) => {
          const res = await fetch(accounts.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: print(request.document), variables: request.variables }),
          });
          return res.json();
        }) as never;
      },
    };
    const unregister = router.transports.register('grpc_plugin', provider);
    const after = await gql(
      url,
      '{ me { name } topProducts(first: 1) { name reviews { author { username } } } }',
    );
    expect(after.body).toEqual({
      data: {
        me: { name: 'Ada Lovelace' },
        topProducts: [
          {
            name: 'Table',
            reviews: [{ author: { username: '@ada' } }, { author: { username: '@complete' } }],
          },
        ],
      },
    });
    expect(seen).toEqual(['executor accounts for base']);
    unregister();
    expect((await gql(url, '{ me { name } }')).body.errors![0]!.extensions!['code']).toBe(
      'SUBGRAPH_TRANSPORT_MISSING',
    );
  });

  it('warms a provider up when a gateway is built and releases it when the gateway goes', async () => {
    const events: string[] = [];
    const provider: SubgraphTransportProvider = {
      getExecutor: () => (() => ({ data: null })) as never,
      acquire: (s, ctx) => void events.push(`acquire ${s.name} ${ctx.servedBy}`),
      release: (s, ctx) => void events.push(`release ${s.name} ${ctx.servedBy}`),
    };
    const config = mustCompose({ subgraphs: demo.subgraphs });
    const withService = {
      ...config,
      base: {
        ...config.base,
        subgraphs: config.base.subgraphs.map((s) =>
          s.name === 'reviews' ? { ...s, kind: 'grpc_service' as const } : s,
        ),
      },
    };
    const router = createRouter({ transports: { grpc_service: provider } });
    await router.applyConfig(withService);
    expect(events).toEqual(['acquire reviews base']);
    await router.applyConfig(config);
    await router.close();
    expect(events).toEqual(['acquire reviews base', 'release reviews base']);
  });
});
