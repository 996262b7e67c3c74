import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { testBackend } from '../testing/test-database.ts';
import { installErrorHandling } from '../http/errors.ts';
import { createRouter } from '../http/route.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import {
  createGraph,
  createRouterToken,
  paths,
  productsSdl,
  publish,
  query,
  reviewsSdl,
} from './testing/fixtures.ts';
import { openSse } from './testing/sse.ts';
import { registerGraphRegistry } from './graph-registry.ts';

let ts: TestServer;
let admin: TestClient;
let token: string;
beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
  await createGraph(admin, 'rc', ['graph=rc']);
  token = await createRouterToken(admin, 'rc');
  await publish(admin, 'rc-products', productsSdl, { labels: ['graph=rc'] });
  await publish(admin, 'rc-reviews', reviewsSdl, { labels: ['graph=rc'] });
});
afterAll(() => ts.close());

// Long enough for a loaded CI machine; every change arrives by push (LISTEN/NOTIFY), there is
// no polling fallback a generous wait could hide.
const STREAM_WAIT_MS = 10_000;
const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const getConfig = (headers: Record<string, string>) =>
  ts.client().raw('GET', graphPaths.routerConfig, { headers });

describe('change stream', () => {
  const streamUrl = () => ts.url + graphPaths.routerConfigStream;

  it('sends the current config at once and each change as it happens', async () => {
    const stream = await openSse(streamUrl(), auth(token));
    try {
      expect(stream.status).toBe(200);
      const current = (await getConfig(auth(token))).headers.get('x-switchyard-config-hash')!;
      const first = await stream.next();
      expect(first.event).toBe('config');
      expect(JSON.parse(first.data)).toEqual({
        hash: current,
        url: `/cdn/v1/router-configs/${current}.json`,
      });

      const published = await publish(
        admin,
        'rc-reviews',
        reviewsSdl.replace('rating: Int!', 'rating: Int!\n  title: String'),
      );
      // How fast it arrives is a benchmark's business (publish → new config), not a test's.
      const change = await stream.next(STREAM_WAIT_MS);
      expect(JSON.parse(change.data).hash).toBe(published.compositions[0]!.routerConfigHash);
      const fetched = await ts.client().raw('GET', JSON.parse(change.data).url as string);
      expect(fetched.status).toBe(200);
    } finally {
      stream.close();
    }
  });

  it('rejects a bad token with JSON before streaming', async () => {
    const res = await ts
      .client()
      .raw('GET', graphPaths.routerConfigStream, { headers: auth('syr_nothing_here') });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
  });

  it('closes when the token is revoked', async () => {
    const t = await createRouterToken(admin, 'rc');
    const stream = await openSse(streamUrl(), auth(t));
    await stream.next();
    const id = (
      (await admin.json('GET', paths.tokens('rc'))).body.routerTokens as { id: string; prefix: string }[]
    ).find((x) => t.startsWith(x.prefix))!.id;
    await admin.json('DELETE', graphPaths.routerToken(ORG, 'default', 'rc', id));
    await expect(
      Promise.race([
        stream.closed.then(() => 'closed'),
        new Promise((r) => setTimeout(() => r('open'), STREAM_WAIT_MS)),
      ]),
    ).resolves.toBe('closed');
  });

  it(`reaches a listener connected to a second control-plane instance (${testBackend})`, async () => {
    let database: DatabaseHandle;
    if (testBackend === 'postgres') {
      // A separate pool and LISTEN connection, exactly like another process would have.
      const url = (ts.database as DatabaseHandle & { url?: string }).url!;
      database = await openDatabase({ kind: 'postgres', url, poolSize: 2 }, { migrate: false });
    } else {
      // PGlite is one embedded process; two servers can only share the handle.
      database = ts.database;
    }
    const second = await startTestServer({}, { database });
    try {
      if (testBackend === 'postgres') {
        // Each instance holds its own LISTEN connection.
        const listeners = await query<{ n: number }>(
          ts.database,
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
        );
        expect(listeners[0]!.n).toBe(2);
      }
      const stream = await openSse(second.url + graphPaths.routerConfigStream, auth(token));
      try {
        await stream.next();
        const published = await publish(
          admin,
          'rc-reviews',
          reviewsSdl.replace('rating: Int!', 'rating: Int!\n  stars: Int'),
        );
        const change = await stream.next(STREAM_WAIT_MS);
        expect(JSON.parse(change.data).hash).toBe(published.compositions[0]!.routerConfigHash);
      } finally {
        stream.close();
      }
    } finally {
      await second.close();
      if (database !== ts.database) await database.close();
    }
  });

  it('closes when the graph is deleted', async () => {
    await createGraph(admin, 'doomed', ['graph=doomed']);
    await publish(admin, 'doomed-sub', productsSdl, { labels: ['graph=doomed'] });
    const t = await createRouterToken(admin, 'doomed');
    const stream = await openSse(streamUrl(), auth(t));
    await stream.next();
    expect((await admin.json('DELETE', paths.graph('doomed'))).status).toBe(204);
    await expect(
      Promise.race([
        stream.closed.then(() => 'closed'),
        new Promise((r) => setTimeout(() => r('open'), STREAM_WAIT_MS)),
      ]),
    ).resolves.toBe('closed');
    expect((await getConfig(auth(t))).status).toBe(401);
  });

  it('sends heartbeat comments, and closing the server ends open streams', async () => {
    // The real registry on its own Fastify app, with a short heartbeat.
    const app = Fastify({ logger: false });
    installErrorHandling(app);
    const router = createRouter(app, {
      auth: ts.server.services.auth,
      organizations: ts.server.services.organizations,
    });
    await registerGraphRegistry(app, router, {
      database: ts.database,
      now: () => new Date(),
      heartbeatMs: 50,
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const stream = await openSse(`http://127.0.0.1:${port}${graphPaths.routerConfigStream}`, auth(token));
    await stream.next();
    await new Promise((r) => setTimeout(r, 200));
    expect(stream.comments.filter((c) => c === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    await app.close();
    await expect(
      Promise.race([
        stream.closed.then(() => 'closed'),
        new Promise((r) => setTimeout(() => r('open'), STREAM_WAIT_MS)),
      ]),
    ).resolves.toBe('closed');
  });
});
