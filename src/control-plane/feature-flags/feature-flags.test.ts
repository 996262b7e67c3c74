import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import { buildClientSchema } from '../graphs/checks/schema-changes.ts';
import { conflictingReviewsSdl, createGraph, createRouterToken, productsSdl, publish, reviewsSdl } from '../graphs/testing/fixtures.ts';
import { createFlag, fp, getFlag, req, routerConfig, startDemoGraphServer, swap } from './testing/flag-fixtures.ts';
import { pluginEntries, productsPluginSdl, sha256, tarGzOf, uploadBuild } from '../plugins/testing/plugin-archives.ts';
import { paths } from '../graphs/testing/fixtures.ts';

let ts: TestServer;
let admin: TestClient;
let token: string;
beforeAll(async () => {
  ({ ts, admin } = await startDemoGraphServer());
  token = await createRouterToken(admin, 'demo');
});
afterAll(() => ts.close());

const reviewsWithMood = reviewsSdl.replace('rating: Int!', 'rating: Int!\n    mood: String');
const flagIn = async (name: string) => (await routerConfig(ts.client(), token)).config.featureFlags.find((f) => f.name === name);

describe('feature flags', () => {
  it('clones a graph: the flag applies to it and composes to the same client schema', async () => {
    const flag = await createFlag(admin, 'demo', 'clone');
    expect(flag).toMatchObject({ name: 'clone', labels: ['graph=demo'], enabled: true, version: 1, featureSubgraphs: [] });
    expect(flag.graphs).toEqual([expect.objectContaining({ graph: 'demo', status: 'composed', live: true })]);
    const { config } = await routerConfig(ts.client(), token);
    const inConfig = config.featureFlags.find((f) => f.name === 'clone')!;
    expect(inConfig.subgraphs.map((s) => [s.name, s.url])).toEqual(config.base.subgraphs.map((s) => [s.name, s.url]));
    const diff = await req(admin, 'GET', fp.diff('clone', 'demo'));
    expect(diff.status).toBe(200);
    expect(diff.body.types).toEqual([]);
    expect(diff.body.flagSdl).toBe(diff.body.baseSdl);
    const list = await req(admin, 'GET', fp.graphFlags('demo'));
    expect(list.body.featureFlags.map((f) => f.name)).toContain('clone');
  });

  it('swaps a subgraph for another URL; the base keeps its own', async () => {
    await createFlag(admin, 'demo', 'preview');
    const res = await swap(admin, 'preview', 'reviews', { kind: 'url', routingUrl: 'http://preview.test:4002/graphql' }, 1);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.featureFlag.version).toBe(2);
    const { config } = await routerConfig(ts.client(), token);
    expect(config.featureFlags.find((f) => f.name === 'preview')!.subgraphs.find((s) => s.name === 'reviews')).toMatchObject({
      kind: 'standard',
      url: 'http://preview.test:4002/graphql',
    });
    expect(config.base.subgraphs.find((s) => s.name === 'reviews')!.url).toBe('http://localhost:4001/reviews');
  });

  it('two edits from the same version: the second gets 409 naming who changed the flag', async () => {
    await createFlag(admin, 'demo', 'race');
    const first = await swap(admin, 'race', 'reviews', { kind: 'url', routingUrl: 'http://a.test/graphql' }, 1);
    expect(first.status).toBe(200);
    const second = await swap(admin, 'race', 'products', { kind: 'url', routingUrl: 'http://b.test/graphql' }, 1);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/This flag was changed by admin@example\.test at .*reload and try again/);
    const patch = await req(admin, 'PATCH', fp.flag('race'), { expectedVersion: 1, enabled: false });
    expect(patch.status).toBe(409);
    expect((await getFlag(admin, 'race')).featureSubgraphs.map((s) => s.routingUrl)).toEqual(['http://a.test/graphql']);
  });

  it('swaps a subgraph for a mock plugin that adds a field: a stored build routers download by hash', async () => {
    await createFlag(admin, 'demo', 'new-reviews');
    const res = await swap(admin, 'new-reviews', 'reviews', { kind: 'mock', sdl: reviewsWithMood, mocks: {} }, 1);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.featureFlag.featureSubgraphs[0]).toMatchObject({ kind: 'mock', plugin: 'mock-new-reviews-reviews', pluginVersion: 'v1' });
    expect(res.body.featureFlag.graphs[0]!.status).toBe('composed');

    const flag = (await flagIn('new-reviews'))!;
    const reviews = flag.subgraphs.find((s) => s.name === 'reviews')!;
    expect(reviews.kind).toBe('grpc_plugin');
    expect(reviews.url).toBeNull();
    // One Node script serves every platform, so routers on Linux and on Macs can run it.
    expect(reviews.plugin!.platforms).toEqual(expect.arrayContaining(['linux_amd64', 'linux_arm64', 'darwin_arm64']));
    expect(reviews.grpc?.protoSchema).toContain('service ');
    expect(reviews.sdl).toContain('mood');
    const download = await fetch(`${ts.url}${reviews.plugin!.downloadPath}`, { headers: { authorization: `Bearer ${token}` } });
    expect(download.status).toBe(200);
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(reviews.plugin!.sha256);
    expect(flag.supergraphSdl).toContain('join__Graph');
    expect(flag.supergraphSdl).toContain('mood');

    const diff = await req(admin, 'GET', fp.diff('new-reviews'));
    expect(diff.body.types).toEqual([expect.objectContaining({ type: 'Review', change: 'changed', breaking: false })]);
    expect(diff.body.types[0]!.changes[0]!.path).toBe('Review.mood');
    expect(buildClientSchema(diff.body.flagSdl).getType('Review')!.toString()).toBe('Review');
    const base = await req(admin, 'GET', graphPaths.graphSchema(ORG, 'default', 'demo'));
    expect(base.body.clientSchema).not.toContain('mood');

    // The same mock again is the same build; the uploaded plugin can be chosen by version too.
    const again = await swap(admin, 'new-reviews', 'reviews', { kind: 'mock', sdl: reviewsWithMood, mocks: {} });
    expect(again.body.featureFlag.featureSubgraphs[0]!.pluginVersion).toBe('v1');
    await createFlag(admin, 'demo', 'pinned');
    const pinned = await swap(admin, 'pinned', 'reviews', { kind: 'plugin', plugin: 'mock-new-reviews-reviews', version: 'v1' });
    expect(pinned.status, JSON.stringify(pinned.body)).toBe(200);
    expect((await flagIn('pinned'))!.subgraphs.find((s) => s.name === 'reviews')!.plugin!.sha256).toBe(reviews.plugin!.sha256);
    // A plugin a flag runs cannot be deleted from under it.
    const del = await req(admin, 'DELETE', `/api/v1/orgs/${ORG}/namespaces/default/plugins/mock-new-reviews-reviews`);
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain('feature flag new-reviews (subgraph reviews)');
  }, 120_000);

  it('a disabled flag is left out of the router config, and enabling it brings it back', async () => {
    const before = await routerConfig(ts.client(), token);
    const flag = await getFlag(admin, 'clone');
    const off = await req(admin, 'PATCH', fp.flag('clone'), { expectedVersion: flag.version, enabled: false });
    expect(off.status).toBe(200);
    expect(off.body.featureFlag).toMatchObject({ enabled: false, version: flag.version + 1 });
    const after = await routerConfig(ts.client(), token);
    expect(after.hash).not.toBe(before.hash);
    expect(after.config.featureFlags.map((f) => f.name)).not.toContain('clone');
    const on = await req(admin, 'PATCH', fp.flag('clone'), { expectedVersion: flag.version + 1, enabled: true });
    expect(on.status).toBe(200);
    expect(await flagIn('clone')).toBeDefined();
  });

  it('a flag that fails to compose shows its errors and leaves the base untouched', async () => {
    await createFlag(admin, 'demo', 'broken');
    const before = await routerConfig(ts.client(), token);
    const res = await swap(admin, 'broken', 'reviews', { kind: 'url', routingUrl: 'http://broken.test/graphql', sdl: conflictingReviewsSdl }, 1);
    expect(res.status).toBe(200);
    expect(res.body.featureFlag.graphs[0]).toMatchObject({ graph: 'demo', status: 'failed', live: false });
    expect(res.body.featureFlag.graphs[0]!.composition!.errors.length).toBeGreaterThan(0);
    const after = await routerConfig(ts.client(), token);
    expect(after.config.base).toEqual(before.config.base);
    expect(after.config.featureFlags.map((f) => f.name)).not.toContain('broken');
    expect(after.config.featureFlags.map((f) => f.name)).toContain('preview');
    const detail = await getFlag(admin, 'broken');
    expect(detail.graphs[0]!.composition!.errors[0]!.message).toBeTruthy();
    const history = await req(admin, 'GET', `${fp.flag('broken')}/compositions`);
    expect(history.status).toBe(200);
    expect(history.body.compositions.map((c) => c.status)).toEqual(['failed', 'success']);
    expect(history.body.compositions[0]!.trigger).toContain('reviews swapped (url)');
  });

  it('follows its base graph: a publish to a subgraph it does not swap recomposes the flag', async () => {
    await publish(admin, 'products', productsSdl.replace('price: Int', 'price: Int\n    sku: String'), { labels: ['graph=demo'] });
    const flag = (await flagIn('preview'))!;
    expect(flag.supergraphSdl).toContain('sku');
    expect(flag.subgraphs.find((s) => s.name === 'reviews')!.url).toBe('http://preview.test:4002/graphql');
  });

  it('restores a swap and deletes a flag; each change is in the audit log', async () => {
    const flag = await getFlag(admin, 'preview');
    const restored = await req(admin, 'DELETE', `${fp.swap('preview', 'reviews')}?expectedVersion=${flag.version}`);
    expect(restored.status).toBe(200);
    expect(restored.body.featureFlag.featureSubgraphs).toEqual([]);
    expect((await flagIn('preview'))!.subgraphs.find((s) => s.name === 'reviews')!.url).toBe('http://localhost:4001/reviews');
    expect((await req(admin, 'DELETE', `${fp.flag('preview')}?expectedVersion=1`)).status).toBe(409);
    expect((await req(admin, 'DELETE', fp.flag('preview'))).status).toBe(204);
    expect(await flagIn('preview')).toBeUndefined();
    expect((await req(admin, 'GET', fp.flag('preview'))).status).toBe(404);
    const audit = await req(admin, 'GET', graphPaths.auditLog(ORG));
    const actions = audit.body.entries
      .filter((e) => e.resourceName === 'preview')
      .map((e) => e.action);
    expect(actions).toEqual(['feature_flag.deleted', 'feature_flag.subgraph_restored', 'feature_flag.subgraph_swapped', 'feature_flag.created']);
  });

  it('a viewer reads flags but cannot create or change them', async () => {
    const viewer = await ts.member('viewer');
    expect((await req(viewer, 'GET', fp.flags)).status).toBe(200);
    expect((await req(viewer, 'GET', fp.flag('clone'))).status).toBe(200);
    expect((await req(viewer, 'POST', fp.graphFlags('demo'), { name: 'nope' })).status).toBe(403);
    expect((await req(viewer, 'PUT', fp.swap('clone', 'reviews'), { expectedVersion: 1, swap: { kind: 'url', routingUrl: 'http://x.test/' } })).status).toBe(403);
    expect((await req(viewer, 'PATCH', fp.flag('clone'), { expectedVersion: 1, enabled: false })).status).toBe(403);
    expect((await req(viewer, 'DELETE', fp.flag('clone'))).status).toBe(403);
  });

  it('bad input gets a clear 4xx', async () => {
    const create = (body: unknown, graph = 'demo') => req(admin, 'POST', fp.graphFlags(graph), body);
    expect((await create({ name: 'Bad Name' })).status).toBe(400);
    expect((await create({ name: 'x', extra: 1 })).status).toBe(400);
    expect((await create({ name: 'x' }, 'no-such-graph')).status).toBe(404);
    const dup = await create({ name: 'clone' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.message).toContain('already exists');

    await createFlag(admin, 'demo', 'bad');
    const unknownSub = await swap(admin, 'bad', 'nope', { kind: 'url', routingUrl: 'http://x.test/' });
    expect(unknownSub.status).toBe(404);
    expect(unknownSub.body.error.message).toContain('Subgraph "nope" not found');
    expect((await swap(admin, 'missing', 'reviews', { kind: 'url', routingUrl: 'http://x.test/' }, 1)).status).toBe(404);
    expect((await swap(admin, 'bad', 'reviews', { kind: 'url', routingUrl: 'ftp://x' })).status).toBe(400);
    const noPlugin = await swap(admin, 'bad', 'reviews', { kind: 'plugin', plugin: 'no-such-plugin' });
    expect(noPlugin.status).toBe(404);
    expect(noPlugin.body.error.message).toContain('no-such-plugin');
    const noVersion = await swap(admin, 'bad', 'reviews', { kind: 'plugin', plugin: 'mock-new-reviews-reviews', version: 'v99' });
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.error.message).toContain('no version v99');
    const badSdl = await swap(admin, 'bad', 'reviews', { kind: 'mock', sdl: 'type Review {\n  id: ID!\n  body String\n}' });
    expect(badSdl.status).toBe(400);
    expect(badSdl.body.error.message).toMatch(/line 3, column/);
    expect(badSdl.body.error.details).toMatchObject({ line: 3 });
    const dropsKey = await swap(admin, 'bad', 'reviews', { kind: 'mock', sdl: 'type Review { id: ID! }\ntype Query { reviews: [Review!]! }' });
    expect(dropsKey.status).toBe(400);
    expect(dropsKey.body.error.message).toContain('@key(fields: "id") of type Product');
    const badMocks = await swap(admin, 'bad', 'reviews', { kind: 'mock', mocks: { $listLength: 1000 } });
    expect(badMocks.status).toBe(400);
    expect(badMocks.body.error.message).toContain('mock');
    expect((await swap(admin, 'bad', 'reviews', { kind: 'teleport' } as never)).status).toBe(400);
    expect((await req(admin, 'PATCH', fp.flag('bad'), { expectedVersion: 1 })).status).toBe(400);
    expect((await req(admin, 'DELETE', `${fp.swap('bad', 'reviews')}?expectedVersion=1`)).status).toBe(404);
    expect((await req(admin, 'GET', fp.diff('bad', 'other'))).status).toBe(400);
    // Nothing half-written: the flag is still at version 1 with no swaps.
    expect(await getFlag(admin, 'bad')).toMatchObject({ version: 1, featureSubgraphs: [] });
  });

  it('a base grpc_plugin subgraph gets the plugin ref and gRPC mapping of its plugin, in the base and in flags', async () => {
    const archive = await tarGzOf(pluginEntries({ name: 'catalog', schema: productsPluginSdl }));
    const up = await uploadBuild(admin, archive, { name: 'catalog' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await createGraph(admin, 'plug', ['graph=plug']);
    const pub = await req(admin, 'POST', paths.publish('catalog'), { sdl: productsPluginSdl, type: 'grpc_plugin', routingUrl: null, labels: ['graph=plug'] });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    const plugToken = await createRouterToken(admin, 'plug');
    await createFlag(admin, 'plug', 'plug-clone');
    const { config } = await routerConfig(ts.client(), plugToken);
    for (const subgraphs of [config.base.subgraphs, config.featureFlags[0]!.subgraphs]) {
      expect(subgraphs).toEqual([
        expect.objectContaining({ name: 'catalog', kind: 'grpc_plugin', url: null, plugin: expect.objectContaining({ name: 'catalog', version: 'v1', sha256: sha256(archive) }) }),
      ]);
      expect(subgraphs[0]!.grpc!.protoSchema).toContain('rpc QueryProducts');
    }
  });

  it("deleting a flag deletes its mock plugins, unless another flag runs one", async () => {
    const plugin = (name: string) => req(admin, 'GET', `/api/v1/orgs/${ORG}/namespaces/default/plugins/${name}/builds`);
    await createFlag(admin, 'demo', 'throwaway');
    expect((await swap(admin, 'throwaway', 'reviews', { kind: 'mock', sdl: reviewsWithMood, mocks: { $seed: 'other' } }, 1)).status).toBe(200);
    expect((await plugin('mock-throwaway-reviews')).status).toBe(200);
    expect((await req(admin, 'DELETE', fp.flag('throwaway'))).status).toBe(204);
    expect((await plugin('mock-throwaway-reviews')).status).toBe(404);

    // Flag "pinned" runs new-reviews' mock build, so it stays when new-reviews goes.
    expect((await req(admin, 'DELETE', fp.flag('new-reviews'))).status).toBe(204);
    expect((await plugin('mock-new-reviews-reviews')).status).toBe(200);
    expect((await flagIn('pinned'))!.subgraphs.find((s) => s.name === 'reviews')!.kind).toBe('grpc_plugin');
  }, 120_000);
});
