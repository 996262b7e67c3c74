import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import type { RouterConfig } from '../shared/router-config.ts';
import { createJsonLogger, silentLogger } from './logger.ts';
import { startRouter, type RunningRouter } from './start.ts';
import { FakeControlPlane } from './testing/fake-control-plane.ts';
import { CROSS_DATA, CROSS_QUERY, gql, mustCompose, waitFor } from './testing/helpers.ts';

const TOKEN = 'syr_test_router_token';
let demo: DemoSubgraphs;
let dir: string;
let cp: FakeControlPlane;
let base: RouterConfig;
const routers: RunningRouter[] = [];
const logs: { level: string; msg: string }[] = [];

const version = (n: number, flags: string[] = []): RouterConfig => ({
  ...base,
  base: { ...base.base, compositionId: `composition-${n}` },
  featureFlags: flags.map((name) => ({ name, ...base.base, compositionId: `composition-${n}-${name}` })),
  builtAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
});

async function pullRouter(token = TOKEN) {
  const running = await startRouter({
    source: {
      kind: 'control-plane',
      apiUrl: cp.url,
      token,
      pollIntervalMs: 100,
      initialBackoffMs: 50,
      maxBackoffMs: 250,
      heartbeatTimeoutMs: 2000,
    },
    port: 0,
    host: '127.0.0.1',
    dataDir: join(dir, 'router-data'),
    logger: createJsonLogger({
      level: 'info',
      write: (line) => void logs.push(JSON.parse(line) as { level: string; msg: string }),
    }),
  });
  routers.push(running);
  return running;
}

const servedHash = async (r: RunningRouter) =>
  (await gql(r.url, CROSS_QUERY)).headers.get('x-switchyard-config');

beforeAll(async () => {
  demo = await startDemoSubgraphs();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-pull-'));
  base = mustCompose({ graph: { namespace: 'default', name: 'demo' }, subgraphs: demo.subgraphs });
  cp = new FakeControlPlane(TOKEN);
  await cp.start();
});
afterAll(async () => {
  for (const r of routers) await r.close();
  await cp.stop();
  await demo.close();
  await rm(dir, { recursive: true, force: true });
});

describe('router following the control plane', { timeout: 30_000 }, () => {
  let router: RunningRouter;

  it('pulls the config announced on the change stream from its immutable URL', async () => {
    const v1 = cp.publish(version(1));
    router = await pullRouter();
    await waitFor('the router to be ready', async () => (await fetch(`${router.url}/readyz`)).status === 200);
    expect(router.router.current()!.hash).toBe(v1);
    const res = await gql(router.url, CROSS_QUERY);
    expect(res.body).toEqual({ data: CROSS_DATA });
    expect(res.headers.get('x-switchyard-config')).toBe(v1);
    expect(cp.log).toContainEqual({
      path: `/cdn/v1/router-configs/${v1}.json`,
      status: 200,
      ifNoneMatch: null,
    });
  });

  it('picks up a new config as soon as it is published, flags included', async () => {
    const v2 = cp.publish(version(2, ['preview']));
    await waitFor('v2 to serve', async () => (await servedHash(router)) === v2, 3000);
    expect(
      (await gql(router.url, CROSS_QUERY, { 'x-feature-flag': 'preview' })).headers.get(
        'x-switchyard-served-by',
      ),
    ).toBe('flag:preview');
  });

  it('keeps answering while the control plane is down, and catches up when it returns', async () => {
    const v2 = router.router.current()!.hash;
    await cp.stop();
    for (let i = 0; i < 10; i++) {
      const res = await gql(router.url, CROSS_QUERY);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ data: CROSS_DATA });
      expect(res.headers.get('x-switchyard-config')).toBe(v2);
      await new Promise((r) => setTimeout(r, 50));
    }
    await waitFor('the router to notice', async () =>
      logs.some((l) => l.level === 'warn' && /change stream (ended|unavailable)/.test(l.msg)),
    );

    const v3 = cp.publish(version(3));
    await cp.start();
    await waitFor(
      'v3 to serve after the control plane returns',
      async () => (await servedHash(router)) === v3,
      5000,
    );
  });

  it('starts from its disk copy when the control plane is down at start', async () => {
    const v3 = router.router.current()!.hash;
    await router.close();
    await cp.stop();
    const restarted = await pullRouter();
    expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
    const res = await gql(restarted.url, CROSS_QUERY);
    expect(res.body).toEqual({ data: CROSS_DATA });
    expect(res.headers.get('x-switchyard-config')).toBe(v3);

    const v4 = cp.publish(version(4));
    await cp.start();
    await waitFor('v4 to serve', async () => (await servedHash(restarted)) === v4, 5000);
    router = restarted;
  });

  it('polls with If-None-Match when the change stream is unavailable', async () => {
    cp.streamBroken = true;
    await cp.stop();
    await cp.start();
    const v5 = cp.publish(version(5));
    await waitFor('v5 to serve by polling', async () => (await servedHash(router)) === v5, 5000);
    await waitFor('a 304 for the config it has', async () =>
      cp.log.some(
        (l) => l.path === '/api/v1/router/config' && l.status === 304 && l.ifNoneMatch === `"${v5}"`,
      ),
    );
    cp.streamBroken = false;
  });

  it('treats a stream that goes silent as dropped, and catches up by polling', async () => {
    const silent = await startRouter({
      source: {
        kind: 'control-plane',
        apiUrl: cp.url,
        token: TOKEN,
        pollIntervalMs: 5000,
        initialBackoffMs: 50,
        maxBackoffMs: 100,
        heartbeatTimeoutMs: 400,
      },
      port: 0,
      host: '127.0.0.1',
      dataDir: null,
      logger: silentLogger,
    });
    routers.push(silent);
    await waitFor(
      'the router to follow the stream',
      async () => silent.router.current()?.hash === router.router.current()?.hash,
    );
    cp.streamAlive = false;
    const v6 = cp.publish(version(6));
    await waitFor(
      'v6 through the poll after the watchdog fires',
      async () => silent.router.current()?.hash === v6,
      5000,
    );
    cp.streamAlive = true;
  });

  it('never serves another source’s disk copy, and says when the token is refused', async () => {
    const stranger = await pullRouter('syr_some_other_token');
    expect((await fetch(`${stranger.url}/readyz`)).status).toBe(503);
    await waitFor('the token error to be logged', async () =>
      logs.some((l) => l.level === 'error' && l.msg.includes('refused the router token')),
    );
    const res = await gql(stranger.url, CROSS_QUERY);
    expect(res.status).toBe(503);
    expect(res.body.errors![0]!.extensions!['code']).toBe('ROUTER_NOT_READY');
  });
});
