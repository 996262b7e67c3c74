import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import type { RouterConfig } from '../shared/router-config.ts';
import { createJsonLogger } from './logger.ts';
import { createRouter, type Router } from './router.ts';
import {
  CROSS_DATA,
  CROSS_QUERY,
  gql,
  listen,
  mustCompose,
  startDelayProxy,
  waitFor,
  type RunningServer,
} from './testing/helpers.ts';

let demo: DemoSubgraphs;
let slowProducts: Awaited<ReturnType<typeof startDelayProxy>>;
let direct: RouterConfig;
let viaSlow: RouterConfig;
let router: Router;
let server: RunningServer;
const logs: { msg: string; servedBy?: string }[] = [];

const gateways = async () =>
  Number(/switchyard_router_gateways (\d+)/.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);

beforeAll(async () => {
  demo = await startDemoSubgraphs();
  const products = demo.subgraphs.find((s) => s.name === 'products')!;
  slowProducts = await startDelayProxy(products.url, 150);
  direct = mustCompose({ subgraphs: demo.subgraphs, builtAt: '2026-01-01T00:00:00.000Z' });
  viaSlow = mustCompose({
    subgraphs: demo.subgraphs.map((s) =>
      s.name === 'products' ? { ...s, url: slowProducts.graphqlUrl } : s,
    ),
    builtAt: '2026-01-01T00:00:00.000Z',
  });
  router = createRouter({
    logger: createJsonLogger({
      level: 'debug',
      write: (line) => void logs.push(JSON.parse(line) as { msg: string }),
    }),
  });
  server = await listen(createServer(router.handle));
});
afterAll(async () => {
  await server.close();
  await router.close();
  await slowProducts.close();
  await demo.close();
});

describe('config swaps', { timeout: 30_000 }, () => {
  it('lose no request, in flight or new, while configs change under a stream of requests', async () => {
    expect((await router.applyConfig(viaSlow)).status).toBe('applied');
    const slowHash = router.current()!.hash;
    const results: { status: number; ok: boolean; hash: string | null }[] = [];
    let swapping = true;
    const worker = async () => {
      while (swapping) {
        const res = await gql(server.url, CROSS_QUERY);
        results.push({
          status: res.status,
          ok: JSON.stringify(res.body) === JSON.stringify({ data: CROSS_DATA }),
          hash: res.headers.get('x-switchyard-config'),
        });
      }
    };
    const proxied = slowProducts.requests();
    const workers = Array.from({ length: 8 }, worker);
    // Swap only once requests are in flight on the first config (the first requests of a run
    // can take longer than the 60 ms between swaps to reach the router on a busy machine).
    await waitFor('requests in flight on the first config', async () => slowProducts.requests() > proxied);
    const applied: string[] = [];
    // At least 12 swaps, and keep swapping until 100 requests went through them (or 15 s pass).
    const until = Date.now() + 15_000;
    for (let i = 0; i < 12 || (results.length < 100 && Date.now() < until); i++) {
      await new Promise((r) => setTimeout(r, 60));
      const next = i % 2 === 0 ? direct : viaSlow;
      const result = await router.applyConfig({
        ...next,
        builtAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      });
      if (result.status !== 'applied') throw new Error(`swap ${i} was ${result.status}`);
      applied.push(result.hash);
    }
    swapping = false;
    await Promise.all(workers);

    expect(results.length).toBeGreaterThanOrEqual(100);
    expect(results.filter((r) => r.status !== 200 || !r.ok)).toEqual([]);
    const seen = new Set(results.map((r) => r.hash));
    expect(seen.has(slowHash)).toBe(true);
    expect([...seen].filter((h) => h !== null && applied.includes(h)).length).toBeGreaterThan(3);
    // Every replaced gateway drained and went away.
    await waitFor('old gateways to be disposed', async () => (await gateways()) === 1);
  });

  it('lets a request started before a swap finish on the gateway it started on', async () => {
    await router.applyConfig(viaSlow);
    const before = router.current()!.hash;
    const pending = gql(server.url, CROSS_QUERY);
    await new Promise((r) => setTimeout(r, 50));
    expect((await router.applyConfig(direct)).status).toBe('applied');
    expect(await gateways()).toBe(2);
    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: CROSS_DATA });
    expect(res.headers.get('x-switchyard-config')).toBe(before);
    await waitFor('the drained gateway to be disposed', async () => (await gateways()) === 1);
    expect((await gql(server.url, CROSS_QUERY)).headers.get('x-switchyard-config')).toBe(
      router.current()!.hash,
    );
  });

  it('refuses a config that does not load and keeps serving the old one', async () => {
    await router.applyConfig(direct);
    const serving = router.current()!.hash;
    const notAConfig = await router.applyConfig({ format: 2, hello: 'world' });
    expect(notAConfig).toMatchObject({
      status: 'refused',
      error: expect.stringContaining('not a format-1 router config'),
    });
    const broken = await router.applyConfig({
      ...direct,
      base: { ...direct.base, supergraphSdl: 'type Query { oops' },
    });
    expect(broken).toMatchObject({
      status: 'refused',
      error: expect.stringContaining('the base graph does not load'),
    });
    expect(router.current()!.hash).toBe(serving);
    const res = await gql(server.url, CROSS_QUERY);
    expect(res.body).toEqual({ data: CROSS_DATA });
    expect(res.headers.get('x-switchyard-config')).toBe(serving);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_router_config_updates_total\{result="refused"\} 2/);
    expect(logs.filter((l) => l.msg.startsWith('router config refused'))).toHaveLength(2);
  });

  it('answers a flag that does not load with an error naming it, and serves the base graph as before', async () => {
    const withBrokenFlag = {
      ...direct,
      featureFlags: [{ name: 'broken', ...direct.base, supergraphSdl: 'not { graphql' }],
    };
    expect((await router.applyConfig(withBrokenFlag)).status).toBe('applied');
    const res = await gql(server.url, CROSS_QUERY, { 'x-feature-flag': 'broken' });
    expect(res.status).toBe(503);
    expect(res.body.errors![0]).toMatchObject({
      message: expect.stringMatching(/^Feature flag "broken" could not be loaded/),
      extensions: { code: 'GATEWAY_UNAVAILABLE' },
    });
    expect((await gql(server.url, CROSS_QUERY)).body).toEqual({ data: CROSS_DATA });
  });

  it('rebuilds only the gateways whose composition changed', async () => {
    const withFlag = (names: string[]) => ({
      ...direct,
      featureFlags: names.map((name) => ({ name, ...direct.base })),
    });
    await router.applyConfig(withFlag(['one']));
    await waitFor('flag one to build', async () =>
      logs.some((l) => l.msg === 'gateway ready' && l.servedBy === 'flag:one'),
    );
    const built = () => logs.filter((l) => l.msg === 'gateway ready').map((l) => l.servedBy);
    const before = built().length;
    expect((await router.applyConfig(withFlag(['one', 'two']))).status).toBe('applied');
    await waitFor('flag two to build', async () => built().length > before);
    expect(built().slice(before)).toEqual(['flag:two']);
    expect(
      (await gql(server.url, CROSS_QUERY, { 'x-feature-flag': 'two' })).headers.get('x-switchyard-served-by'),
    ).toBe('flag:two');
  });
});
