import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { startDemoSubgraphs, type DemoSubgraphs } from '../demo/subgraphs/index.ts';
import { startRouter, type RunningRouter } from '../../router/start.ts';
import { createJsonLogger } from '../../router/logger.ts';
import { gql } from '../../router/testing/helpers.ts';
import { runWgc } from './testing/wgc.ts';

// Cosmo's own CLI, unmodified, against our control plane: command by command, as a team's
// CI would run it, and then a router started with the token wgc created serves the graph.
const NS = 'staging';
const T = 400_000;
let ts: TestServer;
let admin: TestClient;
let demo: DemoSubgraphs;
let dir: string;
let developerKey: string;
let viewerKey: string;
let routerToken = '';
let running: RunningRouter | undefined;
let dataDir: string;

const wgc = (args: string[], key = developerKey) => runWgc(args, { apiUrl: ts.url, apiKey: key, cwd: dir });
const url = (name: string) => demo.subgraphs.find((s) => s.name === name)!.url;
const sdl = (name: string) => demo.subgraphs.find((s) => s.name === name)!.sdl;

beforeAll(async () => {
  [ts, demo] = await Promise.all([startTestServer(), startDemoSubgraphs()]);
  admin = await ts.admin();
  const key = async (name: string, role: string) =>
    (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name, role })).body.key as string;
  developerKey = await key('ci', 'developer');
  viewerKey = await key('ci-read', 'viewer');
  dir = await mkdtemp(join(tmpdir(), 'switchyard-wgc-'));
  dataDir = await mkdtemp(join(tmpdir(), 'switchyard-wgc-router-'));
  for (const s of demo.subgraphs) await writeFile(join(dir, `${s.name}.graphql`), s.sdl);
  await writeFile(join(dir, 'products-added.graphql'), sdl('products').replace('weight: Int', 'weight: Int\n    sku: String'));
  await writeFile(join(dir, 'products-breaking.graphql'), sdl('products').replace(/"Weight in grams"\s*weight: Int/, ''));
  // Claims Product.name with another type: the graph no longer composes.
  await writeFile(
    join(dir, 'reviews-conflicting.graphql'),
    sdl('reviews').replace(/type Product @key\(fields: "upc"\) \{/, 'type Product @key(fields: "upc") {\n    name: Int'),
  );
}, 180_000);

afterAll(async () => {
  await running?.close();
  await demo?.close();
  await ts?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('wgc against the control plane', () => {
  it('whoami names the API key organization', async () => {
    const r = await wgc(['auth', 'whoami']);
    expect(r, r.out).toMatchObject({ code: 0 });
    expect(r.out).toContain('Organization: Acme');
    expect(r.out).toContain('Organization Slug: acme');
  }, T);

  it('creates and lists a namespace and a federated graph', async () => {
    const ns = await wgc(['namespace', 'create', NS]);
    expect(ns.out).toContain(`Successfully created namespace ${NS}.`);
    const graph = await wgc(['federated-graph', 'create', 'shop', '-n', NS, '-r', 'http://localhost:3002/graphql', '--label-matcher', 'team=shop']);
    expect(graph, graph.out).toMatchObject({ code: 0 });
    expect(graph.out).toContain('Federated Graph was created successfully.');
    const [nsList, graphs, again] = await Promise.all([
      wgc(['namespace', 'list']),
      wgc(['federated-graph', 'list', '-n', NS, '--json']),
      wgc(['namespace', 'create', NS]),
    ]);
    expect(nsList.out).toMatch(/│ staging\s+│/);
    expect(JSON.parse(graphs.out)).toEqual([
      expect.objectContaining({ name: 'shop', namespace: NS, labelMatchers: ['team=shop'], isComposable: false }),
    ]);
    expect(again.code).toBe(1);
    expect(again.out).toContain(`Could not create namespace. Namespace "${NS}" already exists`);
  }, T);

  it('publishes subgraphs; the graph composes and the studio shows who published', async () => {
    const results = [];
    for (const name of ['products', 'reviews', 'accounts']) {
      results.push(await wgc(['subgraph', 'publish', name, '-n', NS, '--schema', `${name}.graphql`, '--routing-url', url(name), '--label', 'team=shop']));
    }
    for (const r of results) expect(r, r.out).toMatchObject({ code: 0 });
    expect(results[2]!.out).toContain('Subgraph published successfully.');
    const [list, schema, same] = await Promise.all([
      wgc(['subgraph', 'list', '-n', NS, '--json']),
      wgc(['federated-graph', 'fetch-schema', 'shop', '-n', NS, '--client-schema']),
      wgc(['subgraph', 'publish', 'products', '-n', NS, '--schema', 'products.graphql']),
    ]);
    expect((JSON.parse(list.out) as { name: string; labels: unknown[] }[]).map((s) => [s.name, s.labels])).toEqual([
      ['accounts', [{ key: 'team', value: 'shop' }]],
      ['products', [{ key: 'team', value: 'shop' }]],
      ['reviews', [{ key: 'team', value: 'shop' }]],
    ]);
    expect(schema.out).toContain('topProducts(first: Int = 5): [Product!]!');
    expect(same.out).toContain('No new changes to publish.');

    const studio = await admin.json('GET', `/api/v1/orgs/${ORG}/namespaces/${NS}/subgraphs/products`);
    expect(studio.body).toMatchObject({ latestVersion: { version: 1, createdBy: 'api-key:ci' }, labels: ['team=shop'] });
  }, T);

  it('checks: clean passes, a breaking change and a composition error exit 1 with wgc tables', async () => {
    const [clean, breaking, conflicting] = await Promise.all([
      wgc(['subgraph', 'check', 'products', '-n', NS, '--schema', 'products-added.graphql']),
      wgc(['subgraph', 'check', 'products', '-n', NS, '--schema', 'products-breaking.graphql']),
      wgc(['subgraph', 'check', 'reviews', '-n', NS, '--schema', 'reviews-conflicting.graphql']),
    ]);
    expect(clean, clean.out).toMatchObject({ code: 0 });
    expect(clean.out).toMatch(/NON-BREAKING\s+│\s+FIELD_ADDED/);
    expect(clean.out).toContain('Schema check passed.');

    expect(breaking.code, breaking.out).toBe(1);
    expect(breaking.out).toMatch(/BREAKING\s+│\s+FIELD_REMOVED\s+│\s+Field 'weight' was removed from object type 'Product'/);
    expect(breaking.out).toContain('Schema check failed. This check has encountered 1 breaking changes.');

    expect(conflicting.code, conflicting.out).toBe(1);
    expect(conflicting.out).toMatch(/GRAPH_NAME\s+│\s+NAMESPACE\s+│\s+ERROR_MESSAGE/);
    expect(conflicting.out).toMatch(/│ shop\s+│ staging\s+│/);
    expect(conflicting.out).toContain('Schema check failed.');
  }, T);

  it('creates a router token; a router started with it serves what wgc published', async () => {
    const created = await wgc(['router', 'token', 'create', 'ci-router', '-g', 'shop', '-n', NS, '--raw']);
    expect(created, created.out).toMatchObject({ code: 0 });
    routerToken = created.out.trim();
    expect(routerToken).toMatch(/^syr_/);
    const list = await wgc(['router', 'token', 'list', 'shop', '-n', NS]);
    expect(list.out).toMatch(/│ ci-router\s+│ api-key:ci\s+│/);

    running = await startRouter({
      source: { kind: 'control-plane', apiUrl: ts.url, token: routerToken },
      port: 0,
      host: '127.0.0.1',
      dataDir,
      logger: createJsonLogger({ level: 'silent' }),
    });
    const query = '{ topProducts(first: 2) { name reviews { body author { name } } } }';
    await expect.poll(async () => (await gql(running!.url, query)).body.errors, { timeout: 30_000 }).toBeUndefined();
    const res = await gql(running.url, query);
    const names = (res.body.data as { topProducts: { name: string }[] }).topProducts.map((p) => p.name);
    expect(names).toEqual(['Table', 'Couch']);
  }, T);

  it('a feature subgraph in a flag: create, enable, list, disable, update, delete', async () => {
    const base = await wgc(['feature-subgraph', 'create', 'reviews-v2', '-n', NS, '--subgraph', 'reviews', '-r', url('reviews')]);
    expect(base, base.out).toMatchObject({ code: 0 });
    expect(base.out).toContain('The feature subgraph "reviews-v2" was created successfully.');
    // The same service, one field the base does not have: the flag's schema shows it.
    const v2 = sdl('reviews').replace('rating: Int!', 'rating: Int!\n    stars: Int');
    await writeFile(join(dir, 'reviews-v2.graphql'), v2);
    const published = await wgc(['subgraph', 'publish', 'reviews-v2', '-n', NS, '--schema', 'reviews-v2.graphql']);
    expect(published, published.out).toMatchObject({ code: 0 });

    const created = await wgc(['feature-flag', 'create', 'new-reviews', '-n', NS, '--label', 'team=shop', '--fs', 'reviews-v2']);
    expect(created, created.out).toMatchObject({ code: 0 });
    expect(created.out).toContain('The feature flag "new-reviews" was created successfully. To enable it');

    const enabled = await wgc(['feature-flag', 'enable', 'new-reviews', '-n', NS]);
    expect(enabled.out).toContain('The feature flag "new-reviews" was enabled successfully.');
    const list = await wgc(['feature-flag', 'list', '-n', NS, '--json']);
    expect(JSON.parse(list.out)).toEqual([
      expect.objectContaining({ name: 'new-reviews', namespace: NS, isEnabled: true, labels: [{ key: 'team', value: 'shop' }] }),
    ]);
    // The router that follows the control plane serves the flag: the base graph lacks `stars`.
    const flagged = { 'x-feature-flag': 'new-reviews' };
    const plain = '{ topProducts(first: 1) { name reviews { body } } }';
    await expect.poll(async () => (await gql(running!.url, plain, flagged)).body.errors, { timeout: 30_000 }).toBeUndefined();
    expect((await gql(running!.url, '{ topProducts(first: 1) { reviews { stars } } }')).body.errors?.[0]?.message).toContain('stars');
    const studio = await admin.json('GET', `/api/v1/orgs/${ORG}/namespaces/${NS}/feature-flags/new-reviews`);
    expect(studio.body).toMatchObject({
      enabled: true,
      featureSubgraphs: [{ subgraph: 'reviews', kind: 'url', routingUrl: url('reviews'), sdl: v2 }],
      graphs: [{ graph: 'shop', status: 'composed' }],
    });

    const [disabled, updated] = [
      await wgc(['feature-flag', 'disable', 'new-reviews', '-n', NS]),
      await wgc(['feature-flag', 'update', 'new-reviews', '-n', NS, '--label', 'team=other']),
    ];
    expect(disabled.out).toContain('The feature flag "new-reviews" was disabled successfully.');
    expect(updated.out).toContain('The feature flag "new-reviews" was updated successfully.');
    const after = await admin.json('GET', `/api/v1/orgs/${ORG}/namespaces/${NS}/feature-flags/new-reviews`);
    expect(after.body).toMatchObject({ enabled: false, labels: ['team=other'], graphs: [] });

    const deleted = await wgc(['feature-flag', 'delete', 'new-reviews', '-n', NS, '-f']);
    expect(deleted.out).toContain('The feature flag "new-reviews" was deleted successfully.');
  }, T);

  it('a viewer key may read but not write; other RPCs answer unimplemented by name', async () => {
    const denied = await wgc(['namespace', 'create', 'nope'], viewerKey);
    expect(denied.code).toBe(1);
    expect(denied.out).toContain('This needs the developer role in Acme; the API key "ci-read" is viewer');
    // wgc speaks binary; the JSON codec answers too, and without a key Cosmo's code says why.
    const whoAmI = (headers: Record<string, string>) =>
      fetch(`${ts.url}/wg.cosmo.platform.v1.PlatformService/WhoAmI`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{}',
        signal: AbortSignal.timeout(10_000),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as unknown }));
    expect(await whoAmI({ authorization: `Bearer ${viewerKey}` })).toEqual({
      status: 200,
      body: { response: {}, organizationName: 'Acme', organizationSlug: 'acme', userEmail: 'api-key:ci-read' },
    });
    expect(await whoAmI({})).toEqual({
      status: 200,
      body: { response: { code: 'ERROR_NOT_AUTHENTICATED', details: expect.stringContaining('COSMO_API_KEY') } },
    });
    const res = await fetch(`${ts.url}/wg.cosmo.platform.v1.PlatformService/GetChecksByFederatedGraphName`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${developerKey}` },
      body: '{}',
      signal: AbortSignal.timeout(10_000),
    });
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({
      code: 'unimplemented',
      message: expect.stringContaining('wg.cosmo.platform.v1.PlatformService/GetChecksByFederatedGraphName is not supported'),
    });
  }, T);

  it('updates and deletes: subgraph, router token, graph, namespace', async () => {
    const upd = await wgc(['federated-graph', 'update', 'shop', '-n', NS, '-r', 'http://localhost:3003/graphql']);
    expect(upd.out).toContain('Federated Graph was updated successfully.');
    const sub = await wgc(['subgraph', 'update', 'accounts', '-n', NS, '--label', 'team=shop', 'tier=1']);
    expect(sub.out).toContain('The subgraph "accounts" was updated successfully.');
    const tok = await wgc(['router', 'token', 'delete', 'ci-router', '-g', 'shop', '-n', NS, '-f']);
    expect(tok.out).toContain("A router token called 'ci-router' was deleted.");
    const created = await wgc(['subgraph', 'create', 'extra', '-n', NS, '-r', 'http://localhost:4999/graphql', '--label', 'team=none']);
    expect(created.out).toContain('Subgraph was created successfully.');
    const [del, delFeature] = await Promise.all([
      wgc(['subgraph', 'delete', 'extra', '-n', NS, '-f']),
      wgc(['subgraph', 'delete', 'reviews-v2', '-n', NS, '-f']),
    ]);
    expect(del.out).toContain('The subgraph "extra" was deleted successfully.');
    expect(delFeature.out).toContain('The subgraph "reviews-v2" was deleted successfully.');
    const graph = await wgc(['federated-graph', 'delete', 'shop', '-n', NS, '-f']);
    expect(graph.out).toContain('Federated Graph was deleted successfully.');
    const ns = await wgc(['namespace', 'delete', NS, '-f']);
    expect(ns.out).toContain(`Successfully deleted namespace ${NS}.`);
    const gone = await wgc(['federated-graph', 'fetch-schema', 'shop', '-n', NS]);
    expect(gone.code).toBe(1);
    expect(gone.out).toContain(`Namespace "${NS}" not found`);
  }, T);
});
