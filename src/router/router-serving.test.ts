import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import { reviewsResolvers, reviewsSdl } from '../control-plane/demo/subgraphs/reviews.ts';
import { serveSubgraph, type RunningSubgraph } from '../control-plane/demo/subgraphs/serve.ts';
import type { QueryPlan, QueryPlanFetch, QueryPlanNode } from '../shared/query-plan.ts';
import type { RouterConfig } from '../shared/router-config.ts';
import { createRouter, type Router } from './router.ts';
import { CROSS_DATA, CROSS_QUERY, gql, listen, mustCompose, type RunningServer } from './testing/helpers.ts';

// A preview of reviews that adds a field, served by its own server: what a feature flag swaps in.
const reviewsV2Sdl = reviewsSdl.replace('rating: Int!', 'rating: Int!\n  summary: String!');

let demo: DemoSubgraphs;
let reviewsV2: RunningSubgraph;
let router: Router;
let server: RunningServer;
let config: RouterConfig;

beforeAll(async () => {
  demo = await startDemoSubgraphs();
  reviewsV2 = await serveSubgraph(
    'reviews',
    reviewsV2Sdl,
    {
      ...reviewsResolvers,
      Review: {
        ...reviewsResolvers['Review'],
        summary: (r: { body: string }) => `v2: ${r.body.slice(0, 10)}`,
      },
    },
    '127.0.0.1',
    0,
  );
  config = mustCompose({
    graph: { namespace: 'default', name: 'demo' },
    subgraphs: demo.subgraphs,
    featureFlags: [
      { name: 'new-reviews', subgraphs: [{ name: 'reviews', url: reviewsV2.url, sdl: reviewsV2Sdl }] },
    ],
  });
  router = createRouter();
  server = await listen(createServer(router.handle));
});
afterAll(async () => {
  await server.close();
  await router.close();
  await reviewsV2.close();
  await demo.close();
});

describe('router serving', { timeout: 30_000 }, () => {
  it('is alive but not ready until a config loads', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    const res = await gql(server.url, '{ topProducts { name } }');
    expect(res.status).toBe(503);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('ROUTER_NOT_READY');

    expect((await router.applyConfig(config)).status).toBe('applied');
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: 'ready',
      config: router.current()!.hash,
      graph: 'default/demo',
    });
  });

  it('answers a query across the three demo subgraphs, naming what served it', async () => {
    const res = await gql(server.url, CROSS_QUERY);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: CROSS_DATA });
    expect(res.headers.get('x-switchyard-served-by')).toBe('base');
    expect(res.headers.get('x-switchyard-config')).toBe(router.current()!.hash);
  });

  it('answers GET requests too', async () => {
    const res = await fetch(`${server.url}/graphql?query=${encodeURIComponent('{ me { username } }')}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { me: { username: '@ada' } } });
  });

  it('puts the query plan in extensions only when asked', async () => {
    const plain = await gql(server.url, CROSS_QUERY);
    expect(plain.body.extensions).toBeUndefined();

    const res = await gql(server.url, CROSS_QUERY, { 'x-include-query-plan': 'true' });
    expect(res.body.data).toEqual(CROSS_DATA);
    const plan = res.body.extensions?.['queryPlan'] as QueryPlan;
    expect(plan).toMatchObject({ kind: 'QueryPlan', planner: 'rust' });
    expect(plan.engine).toContain('Rust query planner');
    // The planner's plan: products, then reviews by Product key, then accounts by User key.
    expect(plan.plan).toMatchObject({
      kind: 'Sequence',
      nodes: [
        { kind: 'Fetch', serviceName: 'products' },
        { kind: 'Flatten', path: [{ Field: 'topProducts' }, '@'], node: { kind: 'Fetch', serviceName: 'reviews' } },
        {
          kind: 'Flatten',
          path: [{ Field: 'topProducts' }, '@', { Field: 'reviews' }, '@', { Field: 'author' }],
          node: { kind: 'Fetch', serviceName: 'accounts' },
        },
      ],
    });
    // The calls the router observed, in the same order, with their timings.
    const fetches: QueryPlanFetch[] = [];
    const walk = (n: QueryPlanNode) => (n.kind === 'Fetch' ? fetches.push(n) : n.nodes.forEach(walk));
    walk(plan.node!);
    expect(plan.node!.kind).toBe('Sequence');
    expect(fetches).toEqual(plan.calls);
    expect(fetches.map((f) => f.subgraph)).toEqual(['products', 'reviews', 'accounts']);
    expect(fetches[0]!.operation).toContain('topProducts');
    expect(fetches[1]).toMatchObject({ entities: 2, path: ['topProducts', '@'] });
    expect(fetches[1]!.operation).toContain('_entities');
    expect(fetches[2]!.path).toEqual(['topProducts', '@', 'reviews', '@', 'author']);
    for (const f of fetches) {
      expect(f.durationMs).toBeGreaterThan(0);
      expect(f.startMs).toBeGreaterThanOrEqual(0);
    }
    expect(fetches[2]!.startMs).toBeGreaterThanOrEqual(fetches[1]!.startMs + fetches[1]!.durationMs);
  });

  it('serves a feature flag by header and by cookie, and says so', async () => {
    const q = '{ topProducts(first: 1) { reviews { summary author { name } } } }';
    const expected = {
      topProducts: [
        {
          reviews: [
            { summary: 'v2: Sturdy and', author: { name: 'Ada Lovelace' } },
            { summary: 'v2: Wobbles a ', author: { name: 'Alan Turing' } },
          ],
        },
      ],
    };

    const byHeader = await gql(server.url, q, { 'x-feature-flag': 'new-reviews' });
    expect(byHeader.body).toEqual({ data: expected });
    expect(byHeader.headers.get('x-switchyard-served-by')).toBe('flag:new-reviews');

    const byCookie = await gql(server.url, q, { cookie: 'theme=dark; feature_flag=new-reviews' });
    expect(byCookie.body).toEqual({ data: expected });
    expect(byCookie.headers.get('x-switchyard-served-by')).toBe('flag:new-reviews');

    // The base graph does not have the flag's field.
    const base = await gql(server.url, q, { accept: 'application/graphql-response+json' });
    expect(base.status).toBe(400);
    expect(base.body.errors?.[0]?.message).toContain('Cannot query field "summary"');
    expect(base.headers.get('x-switchyard-served-by')).toBe('base');
  });

  it('answers an unknown flag with an error naming it, never with the base graph', async () => {
    const res = await gql(server.url, CROSS_QUERY, { 'x-feature-flag': 'nope' });
    expect(res.status).toBe(404);
    expect(res.body.data).toBeUndefined();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors![0]!.message).toMatch(
      /^Feature flag "nope" is not enabled for graph "default\/demo"/,
    );
    expect(res.body.errors![0]!.message).toContain('Enabled flags: new-reviews');
    expect(res.body.errors![0]!.extensions).toEqual({ code: 'FEATURE_FLAG_NOT_FOUND' });
    expect(res.headers.get('x-switchyard-served-by')).toBeNull();

    // The header wins over the cookie, even when the cookie names a real flag.
    const both = await gql(server.url, CROSS_QUERY, {
      'x-feature-flag': 'nope',
      cookie: 'feature_flag=new-reviews',
    });
    expect(both.status).toBe(404);
    expect(both.body.errors![0]!.message).toContain('"nope"');
  });

  it('lets the studio call it from its origin, and no one else', async () => {
    const ok = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-feature-flag',
      },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(ok.headers.get('access-control-allow-headers')).toContain('x-include-query-plan');
    const post = await gql(server.url, '{ me { name } }', { origin: 'http://localhost:3000' });
    expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(post.headers.get('access-control-expose-headers')).toContain('x-switchyard-served-by');

    const evil = await fetch(`${server.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('reports requests by flag, errors, latency and the config on /metrics', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(text).toMatch(/switchyard_router_requests_total\{served_by="base",status="200"\} \d+/);
    expect(text).toMatch(/switchyard_router_requests_total\{served_by="flag:new-reviews",status="200"\} 2/);
    expect(text).toMatch(/switchyard_router_request_errors_total\{served_by="none"\} \d+/);
    expect(text).toMatch(
      /switchyard_router_request_duration_seconds_bucket\{le="0.1",served_by="flag:new-reviews"\} \d+/,
    );
    expect(text).toContain(
      `switchyard_router_config_info{hash="${router.current()!.hash}",graph="default/demo"`,
    );
    expect(text).toContain('switchyard_router_feature_flags 1');
  });

  it('disposes a flag gateway when the flag leaves the config', async () => {
    const gauge = async () =>
      Number(
        /switchyard_router_gateways (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1],
      );
    expect(await gauge()).toBe(2);
    const withoutFlag = { ...config, featureFlags: [], builtAt: new Date().toISOString() };
    expect((await router.applyConfig(withoutFlag)).status).toBe('applied');
    const res = await gql(server.url, CROSS_QUERY, { 'x-feature-flag': 'new-reviews' });
    expect(res.status).toBe(404);
    expect(res.body.errors![0]!.message).toContain('Enabled flags: none');
    expect(await gauge()).toBe(1);
    // The base gateway was kept: its composition did not change.
    expect((await gql(server.url, CROSS_QUERY)).body.data).toEqual(CROSS_DATA);
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await fetch(`${server.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
