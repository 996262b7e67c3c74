import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { hashToken } from '../auth/tokens.ts';
import { newRouterToken } from '../graphs/router-config/router-token-service.ts';
import { buildKey } from './storage/plugin-storage.ts';
import {
  buildsPath,
  countRows,
  filesUnder,
  pluginEntries,
  sha256,
  sqlQuery,
  startPluginTestServer,
  tarGzOf,
  uploadBuild,
} from './testing/plugin-archives.ts';

let ts: Awaited<ReturnType<typeof startPluginTestServer>>;
let developer: TestClient;

beforeAll(async () => {
  ts = await startPluginTestServer();
  developer = await ts.member('developer');
});
afterAll(() => ts.close());

const upload = (c: TestClient, body: Buffer, name = 'products', headers: Record<string, string> = {}) =>
  uploadBuild(c, body, { name, headers });

describe('plugin builds', () => {
  it('a valid build uploads, is listed, and downloads byte-identical with its sha256', async () => {
    const archive = await tarGzOf(pluginEntries({ name: 'products', version: '1.0.0' }));
    const res = await upload(developer, archive);
    expect(res.status).toBe(201);
    expect(res.body.created).toBe(true);
    const build = res.body.build;
    expect(build).toMatchObject({
      namespace: 'default',
      plugin: 'products',
      version: '1.0.0',
      sha256: sha256(archive),
      size: archive.length,
      platforms: ['darwin_arm64', 'linux_amd64'],
      grpcSource: 'generated',
      serviceName: 'ProductsService',
      downloadPath: `/api/v1/orgs/${ORG}/namespaces/default/plugins/products/builds/1.0.0/download`,
    });
    expect(build.uploadedBy).toMatch(/^developer-.*@example\.test$/);
    expect(build.protoSchema).toContain('service ProductsService');
    expect(build.protoSchema).toContain('rpc LookupProductById');
    expect(build.mapping).toMatchObject({ service: 'ProductsService' });
    expect(build.schemaSdl).toContain('type Product @key(fields: "id")');

    // Stored once, under its hash; nothing left in staging.
    expect(await filesUnder(ts.storageDir)).toEqual([buildKey(sha256(archive))]);

    const list = await developer.json('GET', `/api/v1/orgs/${ORG}/namespaces/default/plugins`);
    expect(list.status).toBe(200);
    expect(list.body.plugins).toEqual([
      expect.objectContaining({ name: 'products', namespace: 'default', buildCount: 1, latest: expect.objectContaining({ version: '1.0.0' }) }),
    ]);

    const viewer = await ts.member('viewer');
    const one = await viewer.json('GET', `${buildsPath('products')}/1.0.0`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ version: '1.0.0', sha256: sha256(archive), platforms: ['darwin_arm64', 'linux_amd64'] });
    expect(one.body.schemaSdl).toContain('products: [Product!]!');

    const download = await viewer.raw('GET', build.downloadPath);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/gzip');
    expect(download.headers.get('content-disposition')).toBe('attachment; filename="products-1.0.0.tar.gz"');
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.equals(archive)).toBe(true);
    expect(sha256(bytes)).toBe(build.sha256);
  });

  it('the same archive again is idempotent: 200 with the existing build, nothing new stored', async () => {
    const archive = await tarGzOf(pluginEntries({ name: 'products', version: '1.0.0' }));
    const before = await countRows(ts, 'plugin_builds');
    const again = await upload(developer, archive);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(again.body.build).toMatchObject({ version: '1.0.0', sha256: sha256(archive) });
    expect(await countRows(ts, 'plugin_builds')).toBe(before);
    expect(await filesUnder(ts.storageDir)).toEqual([buildKey(sha256(archive))]);
  });

  it('a version that exists with other content is a 409, and nothing is stored', async () => {
    const before = await filesUnder(ts.storageDir);
    const rows = await countRows(ts, 'plugin_builds');
    const different = await tarGzOf(pluginEntries({ name: 'products', version: '1.0.0', marker: '# changed\n' }));
    const res = await upload(developer, different);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toMatch(/already has a version 1\.0\.0 with different content/);
    expect(await countRows(ts, 'plugin_builds')).toBe(rows);
    expect(await filesUnder(ts.storageDir)).toEqual(before);
  });

  it('builds without plugin.json get v<N>, listed newest first', async () => {
    const first = await upload(developer, await tarGzOf(pluginEntries({ marker: '# a\n' })), 'inventory');
    const second = await upload(developer, await tarGzOf(pluginEntries({ marker: '# b\n' })), 'inventory');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.build.version).toBe('v1');
    expect(second.body.build.version).toBe('v2');
    expect(first.body.build.serviceName).toBe('InventoryService');
    const list = await developer.json('GET', buildsPath('inventory'));
    expect(list.status).toBe(200);
    expect((list.body.builds as { version: string }[]).map((b) => b.version)).toEqual(['v2', 'v1']);
    expect(list.body.plugin).toMatchObject({ name: 'inventory', buildCount: 2, latest: expect.objectContaining({ version: 'v2' }) });
  });

  it('concurrent uploads to one plugin get distinct versions, and a concurrent repeat is recognised', async () => {
    const archives = await Promise.all(['# c1\n', '# c2\n', '# c3\n'].map((marker) => tarGzOf(pluginEntries({ marker }))));
    const results = await Promise.all([...archives, archives[0]!].map((a) => upload(developer, a, 'concurrent')));
    expect(results.map((r) => r.status).sort()).toEqual([200, 201, 201, 201]);
    expect(new Set(results.map((r) => r.body.build.version))).toEqual(new Set(['v1', 'v2', 'v3']));
    const list = await developer.json('GET', buildsPath('concurrent'));
    expect(list.body.builds).toHaveLength(3);
  });

  it("keeps the archive's own generated proto and mapping", async () => {
    const base = await upload(developer, await tarGzOf(pluginEntries({ marker: '# gen\n' })), 'gen-source');
    const { protoSchema, mapping } = base.body.build as { protoSchema: string; mapping: unknown };
    const withGenerated = pluginEntries({
      marker: '# gen2\n',
      extra: [
        { name: 'generated/service.proto', content: protoSchema },
        { name: 'generated/mapping.json', content: JSON.stringify(mapping) },
      ],
    });
    const res = await upload(developer, await tarGzOf(withGenerated), 'gen-source');
    expect(res.status).toBe(201);
    expect(res.body.build).toMatchObject({ grpcSource: 'archive', protoSchema, serviceName: 'GenSourceService' });
  });

  it('a viewer cannot upload or delete, and their attempt stores nothing', async () => {
    const viewer = await ts.member('viewer');
    const rows = await countRows(ts, 'plugin_builds');
    const files = await filesUnder(ts.storageDir);
    const res = await upload(viewer, await tarGzOf(pluginEntries({ marker: '# viewer\n' })), 'viewer-plugin');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/developer role/);
    expect(await countRows(ts, 'plugin_builds')).toBe(rows);
    expect(await filesUnder(ts.storageDir)).toEqual(files);
    expect((await viewer.json('DELETE', `/api/v1/orgs/${ORG}/namespaces/default/plugins/products`)).status).toBe(403);
  });

  it('an API key with the developer role can upload; anonymous callers cannot', async () => {
    const admin = await ts.admin();
    const key = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'ci', role: 'developer' })).body.key as string;
    const res = await upload(ts.client().withApiKey(key), await tarGzOf(pluginEntries({ marker: '# key\n' })), 'keyed');
    expect(res.status).toBe(201);
    expect(res.body.build.uploadedBy).toBe('api-key:ci');
    expect((await upload(ts.client(), await tarGzOf(pluginEntries()), 'anon')).status).toBe(401);
  });

  it('unknown namespaces, plugins and versions are 404s', async () => {
    const res = await upload(developer, await tarGzOf(pluginEntries()), 'x', {});
    expect(res.status).toBe(201);
    const noNs = await uploadBuild(developer, await tarGzOf(pluginEntries()), { name: 'x', namespace: 'nowhere' });
    expect(noNs.status).toBe(404);
    expect(noNs.body.error.message).toBe('Namespace "nowhere" not found');
    expect((await developer.json('GET', buildsPath('missing'))).status).toBe(404);
    expect((await developer.json('GET', `${buildsPath('x')}/9.9.9`)).status).toBe(404);
    expect((await developer.json('GET', `${buildsPath('x')}/9.9.9/download`)).status).toBe(404);
    expect((await developer.json('GET', `${buildsPath('x')}/bad%20version`)).status).toBe(400);
  });

  it('the registry hooks can refuse a build that does not compose, and a delete while the plugin is used', async () => {
    const service = ts.server.services.plugins;
    const saved = service.hooks;
    try {
      service.hooks = {
        checkBuildComposes: async ({ plugin }) => ({
          ok: false,
          errors: [{ message: `Field "Product.price" has conflicting types in ${plugin}`, subgraph: plugin, code: 'FIELD_TYPE_MISMATCH', line: null, column: null }],
        }),
        findPluginUsage: async ({ plugin }) => (plugin === 'products' ? ['subgraph default/products', 'flag new-products'] : []),
      };
      const rows = await countRows(ts, 'plugin_builds');
      const files = await filesUnder(ts.storageDir);
      const res = await upload(developer, await tarGzOf(pluginEntries({ marker: '# hook\n' })), 'hooked');
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe('The schema does not compose with the graphs that use plugin "hooked": Field "Product.price" has conflicting types in hooked');
      expect(res.body.error.details.errors).toHaveLength(1);
      expect(await countRows(ts, 'plugin_builds')).toBe(rows);
      expect(await filesUnder(ts.storageDir)).toEqual(files);

      const del = await developer.json('DELETE', `/api/v1/orgs/${ORG}/namespaces/default/plugins/products`);
      expect(del.status).toBe(409);
      expect(del.body.error?.message).toBe('Plugin "products" is used by subgraph default/products, flag new-products; point them elsewhere before deleting the plugin');
      expect((await developer.json('GET', buildsPath('products'))).status).toBe(200);
    } finally {
      service.hooks = saved;
    }
  });

  it('resolves a build for the router config and lists the routes in the OpenAPI document', async () => {
    const org = (await sqlQuery(ts, 'SELECT id FROM organizations WHERE slug = $1', [ORG])).rows[0] as { id: string };
    const pinned = await ts.server.services.plugins.resolveBuild(org.id, 'default', 'products', '1.0.0');
    expect(pinned?.ref).toMatchObject({ name: 'products', version: '1.0.0', downloadPath: expect.stringMatching(/^\/api\/v1\/router\/plugins\/[a-f0-9]{64}$/) });
    expect(pinned?.grpc.protoSchema).toContain('service ProductsService');
    expect((await ts.server.services.plugins.resolveBuild(org.id, 'default', 'inventory'))?.ref.version).toBe('v2');
    expect(await ts.server.services.plugins.resolveBuild(org.id, 'default', 'products', '9.9.9')).toBeNull();

    const openapi = await ts.client().json('GET', '/api/openapi.json');
    const paths = openapi.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/orgs/{org}/namespaces/{namespace}/plugins/{name}/builds']!).sort()).toEqual(['get', 'post']);
    expect(paths['/api/v1/orgs/{org}/namespaces/{namespace}/plugins/{name}/builds/{version}/download']).toHaveProperty('get');
  });

  it('recorded builds are immutable in the database', async () => {
    await expect(sqlQuery(ts, "UPDATE plugin_builds SET version = 'hacked'")).rejects.toThrow(/immutable/);
  });
});

describe('router download by hash', () => {
  async function routerToken(): Promise<string> {
    const org = await sqlQuery(ts, 'SELECT o.id AS org, n.id AS ns FROM organizations o JOIN namespaces n ON n.organization_id = o.id WHERE o.slug = $1', [ORG]);
    const { org: orgId, ns } = org.rows[0] as { org: string; ns: string };
    const graph = await sqlQuery(
      ts,
      `INSERT INTO federated_graphs (organization_id, namespace_id, name, routing_url) VALUES ($1, $2, 'plugin-graph', 'http://localhost:3002/graphql') RETURNING id`,
      [orgId, ns],
    );
    const { token, prefix } = newRouterToken();
    await sqlQuery(
      ts,
      `INSERT INTO router_tokens (organization_id, graph_id, name, prefix, token_hash, created_by_label) VALUES ($1, $2, 'test', $3, $4, 'test')`,
      [orgId, (graph.rows[0] as { id: string }).id, prefix, hashToken(token)],
    );
    return token;
  }

  it('serves the archive to a router token, and nothing to anyone else', async () => {
    const archive = await tarGzOf(pluginEntries({ marker: '# router\n' }));
    expect((await upload(developer, archive, 'routed')).status).toBe(201);
    const token = await routerToken();
    const url = `${ts.url}/api/v1/router/plugins/${sha256(archive)}`;

    const ok = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/gzip');
    expect(Buffer.from(await ok.arrayBuffer()).equals(archive)).toBe(true);

    expect((await fetch(url)).status).toBe(401);
    const admin = await ts.admin();
    const key = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'not-a-router', role: 'admin' })).body.key as string;
    expect((await fetch(url, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);
    const unknown = await fetch(`${ts.url}/api/v1/router/plugins/${'0'.repeat(64)}`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(404);
    const malformed = await fetch(`${ts.url}/api/v1/router/plugins/not-a-hash`, { headers: { authorization: `Bearer ${token}` } });
    expect(malformed.status).toBe(400);
  });
});

describe('after a build is stored', () => {
  it('a build that is stored stays a success when updating the graphs that use it fails', async () => {
    const plugins = ts.server.services.plugins;
    const hooks = plugins.hooks;
    plugins.hooks = { ...hooks, onBuildRecorded: async () => { throw new Error('database went away'); } };
    try {
      const res = await upload(developer, await tarGzOf(pluginEntries({ name: 'warned', version: '1.0.0' })), 'warned');
      expect(res.status).toBe(201);
      expect(res.body.warnings).toEqual(['The build was stored, but updating the graphs that use warned failed: database went away']);
    } finally {
      plugins.hooks = hooks;
    }
  });
});
