import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import { routerConfigSchema } from '../../shared/router-config.ts';
import {
  conflictingReviewsSdl,
  createGraph,
  createRouterToken,
  paths,
  productsSdl,
  publish,
  query,
  reviewsSdl,
} from './testing/fixtures.ts';

let ts: TestServer;
let admin: TestClient;
let token: string;
beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
  await createGraph(admin, 'rc', ['graph=rc']);
  token = await createRouterToken(admin, 'rc');
});
afterAll(() => ts.close());

const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const getConfig = (headers: Record<string, string>) =>
  ts.client().raw('GET', graphPaths.routerConfig, { headers });

describe('router tokens', () => {
  it('are shown once with a syr_ prefix, stored hashed, listed without the secret', async () => {
    expect(token).toMatch(/^syr_[A-Za-z0-9]{8}_/);
    const list = await admin.json('GET', paths.tokens('rc'));
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(list.body.routerTokens).toEqual([
      expect.objectContaining({ name: 'router for rc', prefix: token.slice(0, 12), revokedAt: null }),
    ]);
    const rows = await query<{ token_hash: string }>(ts.database, 'SELECT token_hash FROM router_tokens');
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('only router tokens open the router endpoints: no API key, no session, no unknown token', async () => {
    const key = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'k', role: 'admin' })).body
      .key as string;
    for (const headers of [{}, auth(key), auth('syr_unknownx_secret'), { authorization: 'Basic abc' }]) {
      const res = await getConfig(headers);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe('unauthenticated');
    }
    expect((await admin.raw('GET', graphPaths.routerConfig)).status).toBe(401);
    // …and a router token is not an API key.
    expect((await ts.client().withApiKey(token).json('GET', paths.graphs)).status).toBe(401);
  });

  it('a graph that never composed has no config: 404 with a clear message', async () => {
    const res = await getConfig(auth(token));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/has not composed successfully yet/);
  });
});

describe('router config', () => {
  let hash: string;

  it('is served with ETag and hash headers, and answers 304 when unchanged', async () => {
    await publish(admin, 'rc-products', productsSdl, { labels: ['graph=rc'] });
    await publish(admin, 'rc-plugin', 'type Query { fromPlugin: String }', {
      labels: ['graph=rc'],
      type: 'grpc_plugin',
    });
    const res = await getConfig(auth(token));
    expect(res.status).toBe(200);
    const text = await res.text();
    hash = createHash('sha256').update(text).digest('hex');
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    expect(res.headers.get('x-switchyard-config-hash')).toBe(hash);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const config = routerConfigSchema.parse(JSON.parse(text));
    expect(config).toMatchObject({
      format: 1,
      graph: { name: 'rc', namespace: 'default' },
      featureFlags: [],
    });
    expect(config.base.supergraphSdl).toMatch(/fromPlugin/);
    expect(config.base.subgraphs).toEqual([
      expect.objectContaining({
        name: 'rc-plugin',
        kind: 'grpc_plugin',
        url: null,
        plugin: null,
        sdl: 'type Query { fromPlugin: String }',
      }),
      expect.objectContaining({
        name: 'rc-products',
        kind: 'standard',
        url: 'http://localhost:4001/rc-products',
        plugin: null,
        grpc: null,
      }),
    ]);

    const again = await getConfig({ ...auth(token), 'if-none-match': `"${hash}"` });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await getConfig({ ...auth(token), 'if-none-match': '"something-else"' })).status).toBe(200);
  });

  it('is also at an immutable per-hash URL that needs no credentials', async () => {
    const res = await ts.client().raw('GET', graphPaths.cdnRouterConfig(hash));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('etag')).toBe(`"${hash}"`);
    expect(
      createHash('sha256')
        .update(await res.text())
        .digest('hex'),
    ).toBe(hash);
    expect(
      (
        await ts
          .client()
          .raw('GET', graphPaths.cdnRouterConfig(hash), { headers: { 'if-none-match': `"${hash}"` } })
      ).status,
    ).toBe(304);

    const unknown = await ts.client().raw('GET', graphPaths.cdnRouterConfig('0'.repeat(64)));
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('not_found');
    expect((await ts.client().raw('GET', '/cdn/v1/router-configs/not-a-hash.json')).status).toBe(404);
  });

  it('a failed composition keeps the last good config and its hash', async () => {
    await publish(admin, 'rc-reviews', reviewsSdl, { labels: ['graph=rc'] });
    const good = await getConfig(auth(token));
    const goodHash = good.headers.get('x-switchyard-config-hash')!;
    expect(goodHash).not.toBe(hash);
    const failed = await publish(admin, 'rc-reviews', conflictingReviewsSdl);
    expect(failed.compositions[0]).toMatchObject({
      status: 'failed',
      routerConfigHash: goodHash,
      routerConfigChanged: false,
    });
    const after = await getConfig({ ...auth(token), 'if-none-match': `"${goodHash}"` });
    expect(after.status).toBe(304);
    const rows = await query<{ n: number }>(ts.database, 'SELECT count(*)::int AS n FROM router_configs');
    expect(rows[0]!.n).toBe(3);
  });

  it('a revoked token stops working at once', async () => {
    const t = await createRouterToken(admin, 'rc');
    const id = (
      (await admin.json('GET', paths.tokens('rc'))).body.routerTokens as { id: string; prefix: string }[]
    ).find((x) => t.startsWith(x.prefix))!.id;
    expect((await getConfig(auth(t))).status).toBe(200);
    const revoked = await admin.json('DELETE', graphPaths.routerToken(ORG, 'default', 'rc', id));
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const res = await getConfig(auth(t));
    expect(res.status).toBe(401);
    expect((await res.json()).error.message).toMatch(/has been revoked/);
  });
});
