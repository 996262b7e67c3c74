import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { startDemoSubgraphs, type DemoSubgraphs } from '../demo/subgraphs/index.ts';
import { startRouter, type RunningRouter } from '../../router/start.ts';
import { createJsonLogger } from '../../router/logger.ts';
import { gql } from '../../router/testing/helpers.ts';
import { createGraph, createRouterToken, paths, publish } from '../graphs/testing/fixtures.ts';
import { openDatabase, type DatabaseHandle } from '../db/client.ts';
import { testBackend } from '../testing/test-database.ts';
import { createFlag, fp, getFlag, ns, req, routerConfig, swap } from './testing/flag-fixtures.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import type { MockDefaults } from '../../shared/api/feature-flags.ts';
import type { EntityMissesResponse } from '../../shared/router-misses.ts';
import { ORG } from '../testing/test-server.ts';

// The whole story below the studio: a flag swaps the HTTP `reviews` subgraph for a mock
// plugin that adds a field; a router started as `switchyard router` starts it (following the
// control plane's change stream, with a router token) downloads the build by hash, starts
// it, and joins its mock reviews with the real products subgraph.
let ts: TestServer;
let admin: TestClient;
let demo: DemoSubgraphs;
let token: string;
let dataDir: string;
let running: RunningRouter;
let http: { url: string };

beforeAll(async () => {
  [ts, demo] = await Promise.all([startTestServer(), startDemoSubgraphs()]);
  admin = await ts.admin();
  await createGraph(admin, 'demo', ['graph=demo']);
  for (const s of demo.subgraphs) await publish(admin, s.name, s.sdl, { routingUrl: s.url, labels: ['graph=demo'] });
  token = await createRouterToken(admin, 'demo');
  dataDir = await mkdtemp(join(tmpdir(), 'switchyard-ff-router-'));
  running = await startRouter({
    // pollIntervalMs: the router sends the keys it observes this often (and polls this often
    // while the change stream is down)
    source: { kind: 'control-plane', apiUrl: ts.url, token, pollIntervalMs: 200 },
    port: 0,
    host: '127.0.0.1',
    dataDir,
    logger: createJsonLogger({ level: 'silent' }),
  });
  http = { url: running.url };
}, 60_000);

afterAll(async () => {
  await running?.close();
  await demo?.close();
  await ts?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Waits until the router, following the change stream, serves the control plane's current config. */
async function loadConfig() {
  const { config, hash } = await routerConfig(ts.client(), token);
  await expect.poll(() => running.router.current()?.hash, { timeout: 15_000 }).toBe(hash);
  return config;
}

const reviewsSdl = () => demo.subgraphs.find((s) => s.name === 'reviews')!.sdl;
const withMood = `{ topProducts(first: 2) { name reviews { body mood } } }`;
const withoutMood = `{ topProducts(first: 2) { name reviews { body } } }`;
const flagHeader = { 'x-feature-flag': 'new-reviews' };
const naturalQuery = `{ topProducts(first: 2) { name price reviews { body author { name } } } }`;

describe('a feature flag through the router', () => {
  it('serves the mock plugin with the new field under X-Feature-Flag, joined with real products', async () => {
    await createFlag(admin, 'demo', 'new-reviews');
    const sdl = reviewsSdl().replace('rating: Int!', 'rating: Int!\n    mood: String!');
    const res = await swap(admin, 'new-reviews', 'reviews', { kind: 'mock', sdl, mocks: { Review: { body: 'Mocked review' } } }, 1);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.featureFlag.graphs[0]!.status).toBe('composed');
    await loadConfig();

    const flagged = await gql(http.url, withMood, flagHeader);
    expect(flagged.body.errors).toBeUndefined();
    const products = (flagged.body.data as { topProducts: { name: string; reviews: { body: string; mood: string }[] }[] }).topProducts;
    expect(products.map((p) => p.name)).toEqual(['Table', 'Couch']); // real data from the products service
    const reviews = products.flatMap((p) => p.reviews);
    expect(reviews.length).toBeGreaterThan(0);
    for (const r of reviews) {
      expect(typeof r.mood).toBe('string'); // mock data for the new field
      expect(r.body).toBe('Mocked review'); // from mocks.json, not the real reviews service
    }
    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_plugin_up\{[^}]*plugin="mock-new-reviews-reviews"[^}]*\} 1/);
  }, 60_000);

  it('the base graph still answers from the real reviews service and rejects the new field', async () => {
    const base = await gql(http.url, withoutMood);
    expect(base.body.errors).toBeUndefined();
    const products = (base.body.data as { topProducts: { reviews: { body: string }[] }[] }).topProducts;
    expect(products[0]!.reviews.map((r) => r.body)).toEqual(['Sturdy and good value.', 'Wobbles a little on tiles.']);
    const rejected = await gql(http.url, withMood);
    expect(rejected.body.errors?.[0]?.message).toContain('mood');
  });

  it('a disabled flag gets a clear error from the router', async () => {
    const flag = await getFlag(admin, 'new-reviews');
    expect((await req(admin, 'PATCH', fp.flag('new-reviews'), { expectedVersion: flag.version, enabled: false })).status).toBe(200);
    const config = await loadConfig();
    expect(config.featureFlags).toEqual([]);
    const res = await gql(http.url, withoutMood, flagHeader);
    expect(res.body.errors?.[0]?.message).toContain('new-reviews');
  });

  it('a mock with the dialog defaults joins with the real accounts: every author has a real name', async () => {
    // The base graph's router is where keys are sampled from.
    const patched = await admin.json('PATCH', graphPaths.graph(ORG, ns, 'demo'), { routingUrl: `${http.url}/graphql` });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await createFlag(admin, 'demo', 'joined');
    const defaults = await admin.json('GET', fp.mockDefaults('joined', 'reviews'));
    expect(defaults.status, JSON.stringify(defaults.body)).toBe(200);
    const { mocks, keyPools } = defaults.body as unknown as MockDefaults;
    expect(keyPools).toEqual([
      // the base traffic above sent products to reviews: the router may have observed them already
      { type: 'Product', key: 'upc', resolvedBy: 'products', source: expect.stringMatching(/^(observed|sampled)$/), count: expect.any(Number) },
      { type: 'User', key: 'id', resolvedBy: 'accounts', source: 'sampled', count: 3 },
    ]);
    expect(mocks).toMatchObject({ $listLength: 2, User: { id: ['1', '2', '3'] } });
    const res = await swap(admin, 'joined', 'reviews', { kind: 'mock', mocks });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await loadConfig();

    const answer = await gql(http.url, naturalQuery, { 'x-feature-flag': 'joined' });
    expect(answer.body.errors).toBeUndefined();
    const names = (answer.body.data as { topProducts: { reviews: { author: { name: string } }[] }[] }).topProducts
      .flatMap((p) => p.reviews)
      .map((r) => r.author.name);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']).toContain(name);
  }, 60_000);

  it('a key accounts does not know gets an error naming accounts, the type, the key and the mock it came from', async () => {
    await createFlag(admin, 'demo', 'unknown-keys');
    const res = await swap(admin, 'unknown-keys', 'reviews', { kind: 'mock', mocks: { User: { id: ['u9'] } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    await loadConfig();

    const answer = await gql(http.url, naturalQuery, { 'x-feature-flag': 'unknown-keys' });
    const messages = (answer.body.errors ?? []).map((e) => e.message);
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      expect(m).not.toBe('Unexpected error.');
      expect(m).toContain('accounts returned no User for {"id":"u9"}');
      expect(m).toContain('the key came from the mock plugin mock-unknown-keys-reviews');
    }
    expect(answer.body.errors![0]!.extensions).toMatchObject({
      code: 'ENTITY_NOT_FOUND',
      serviceName: 'accounts',
      typename: 'User',
      representation: { id: 'u9' },
      mockPlugin: 'mock-unknown-keys-reviews',
    });

    const misses = (await (await fetch(`${http.url}/entity-misses?flag=unknown-keys`)).json()) as EntityMissesResponse;
    expect(misses.misses[0]).toMatchObject({
      servedBy: 'flag:unknown-keys',
      subgraph: 'accounts',
      type: 'User',
      key: { id: 'u9' },
      origin: { plugin: 'mock-unknown-keys-reviews', subgraph: 'reviews' },
    });
  }, 60_000);

  it('keys the router saw accounts resolve in base traffic come before sampling, and flag traffic adds none', async () => {
    await loadConfig();
    // Base traffic resolves the authors 1 and 2 (not 3) through accounts.
    const base = await gql(http.url, naturalQuery);
    expect(base.body.errors).toBeUndefined();
    // Flag traffic through the mock of the previous test: its u9 must never become a pool.
    await gql(http.url, naturalQuery, { 'x-feature-flag': 'unknown-keys' });
    // Sampling now fails, so a pool can only come from what the router observed.
    const patched = await admin.json('PATCH', graphPaths.graph(ORG, ns, 'demo'), {
      routingUrl: 'http://127.0.0.1:9/graphql',
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await createFlag(admin, 'demo', 'observed');
    let defaults: MockDefaults | undefined;
    await expect
      .poll(
        async () => {
          defaults = (await admin.json('GET', fp.mockDefaults('observed', 'reviews')))
            .body as unknown as MockDefaults;
          return defaults.keyPools.find((p) => p.type === 'User');
        },
        { timeout: 15_000 },
      )
      .toEqual({ type: 'User', key: 'id', resolvedBy: 'accounts', source: 'observed', count: 2 });
    const ids = (defaults!.mocks['User'] as { id: string[] }).id;
    expect([...ids].sort()).toEqual(['1', '2']);

    // What a person wrote still wins over what the router saw.
    const res = await swap(admin, 'observed', 'reviews', { kind: 'mock', mocks: { User: { id: ['3'] } } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const kept = (await admin.json('GET', fp.mockDefaults('observed', 'reviews')))
      .body as unknown as MockDefaults;
    expect(kept.keyPools.find((p) => p.type === 'User')).toMatchObject({ source: 'mocks.json', count: 1 });
    expect(kept.mocks['User']).toEqual({ id: ['3'] });
  }, 60_000);

  it('observed keys are taken only from a router token, in their shape', async () => {
    const put = (headers: Record<string, string>, body: string) =>
      ts.client().raw('PUT', graphPaths.routerObservedKeys, {
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const keys = JSON.stringify({ keys: { User: [{ id: '1' }] } });
    expect((await put({}, keys)).status).toBe(401);
    expect((await put({ authorization: 'Bearer syr_not_a_token' }, keys)).status).toBe(401);
    const bad = await put({ authorization: `Bearer ${token}` }, JSON.stringify({ keys: { User: 'nope' } }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('keys');
  });

  it(`observed keys are in the database: another control plane reads them, and a revoked token takes its keys (${testBackend})`, async () => {
    const second = await admin.json('POST', paths.tokens('demo'), { name: 'second staging router' });
    expect(second.status).toBe(201);
    const pushed = await ts.client().raw('PUT', graphPaths.routerObservedKeys, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${second.body.token as string}` },
      body: JSON.stringify({ keys: { User: [{ id: 'seen-by-second' }] } }),
    });
    expect(pushed.status).toBe(204);

    // Another control plane on the same database, as a second process would be.
    const database: DatabaseHandle =
      testBackend === 'postgres'
        ? await openDatabase(
            { kind: 'postgres', url: (ts.database as DatabaseHandle & { url?: string }).url!, poolSize: 2 },
            { migrate: false },
          )
        : ts.database; // PGlite is one embedded process: two servers can only share the handle
    const other = await startTestServer({}, { database });
    try {
      const otherAdmin = await other.admin();
      await createFlag(otherAdmin, 'demo', 'shared-keys');
      const userPool = async () => {
        const res = await otherAdmin.json('GET', fp.mockDefaults('shared-keys', 'reviews'));
        return ((res.body as unknown as MockDefaults).mocks['User'] as { id?: string[] } | undefined)?.id ?? [];
      };
      expect(await userPool()).toContain('seen-by-second');

      const tokens = (await admin.json('GET', paths.tokens('demo'))).body.routerTokens as { id: string; name: string }[];
      const id = tokens.find((t) => t.name === 'second staging router')!.id;
      expect((await admin.json('DELETE', graphPaths.routerToken(ORG, ns, 'demo', id))).status).toBeLessThan(300);
      expect(await userPool()).not.toContain('seen-by-second');
    } finally {
      await other.close();
      if (database !== ts.database) await database.close();
    }
  }, 60_000);
});
