import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSubgraphCommand } from '../../cli/commands/subgraph-command.ts';
import { ORG } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { routerConfigSchema, type RouterConfig } from '../../shared/router-config.ts';
import { countRows, pluginEntries, startPluginTestServer, tarGzOf, uploadBuild } from '../plugins/testing/plugin-archives.ts';
import { createGraph, paths, productsSdl, publish, query, reviewsSdl, type Outcome } from './testing/fixtures.ts';

let ts: Awaited<ReturnType<typeof startPluginTestServer>>;
let dev: TestClient;
let graphId: string;

const pluginPath = (name: string) => `/api/v1/orgs/${ORG}/namespaces/default/plugins/${name}`;

const uploadVersion = (version: string, schema = productsSdl, name = 'products') =>
  tarGzOf(pluginEntries({ name, version, schema, marker: version })).then((archive) => uploadBuild(dev, archive, { name }));

interface Body {
  subgraph: { plugin: unknown };
  plugin: unknown;
  compositions: Outcome[];
  usedBy: string[];
  error: { code: string; message: string; details: { usedBy?: string[]; errors?: { message: string }[] } };
}

/** The developer's JSON call, with the response shapes these tests read. */
async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Body }> {
  const res = await dev.json(method, path, body);
  return { status: res.status, body: res.body as unknown as Body };
}

async function latestConfig(): Promise<RouterConfig> {
  const [row] = await query<{ config: string }>(
    ts.database,
    'SELECT config FROM router_configs WHERE graph_id = $1 ORDER BY id DESC LIMIT 1',
    [graphId],
  );
  return routerConfigSchema.parse(JSON.parse(row!.config));
}

async function pluginVersionInConfig(subgraph = 'products'): Promise<string | undefined> {
  return (await latestConfig()).base.subgraphs.find((s) => s.name === subgraph)?.plugin?.version;
}

beforeAll(async () => {
  ts = await startPluginTestServer();
  dev = await ts.member('developer');
  graphId = (await createGraph(dev, 'shop', ['team=shop'])).graph.id;
  for (const v of ['1.0.0', '2.0.0']) expect((await uploadVersion(v)).status).toBe(201);
  await publish(dev, 'reviews', reviewsSdl, { labels: ['team=shop'] });
  const res = await call('POST', paths.publish('products'), { sdl: productsSdl, type: 'grpc_plugin', labels: ['team=shop'] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
afterAll(() => ts?.close());

describe('plugin subgraph pinned to a build version', () => {
  it('an unpinned plugin subgraph runs the newest build', async () => {
    const res = await call('GET', paths.subgraph('products'));
    expect(res.body.plugin).toEqual({ name: 'products', version: null });
    expect(await pluginVersionInConfig()).toBe('2.0.0');
    expect((await call('GET', paths.subgraph('reviews'))).body.plugin).toBeNull();
  });

  it('PATCH pluginVersion pins it, recomposes, and the router config runs the pinned build', async () => {
    const res = await call('PATCH', paths.subgraph('products'), { pluginVersion: '1.0.0' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.subgraph.plugin).toEqual({ name: 'products', version: '1.0.0' });
    const [outcome] = res.body.compositions as Outcome[];
    expect(outcome).toMatchObject({ graph: 'shop', status: 'success', routerConfigChanged: true });
    expect(await pluginVersionInConfig()).toBe('1.0.0');
  });

  it('a new build leaves a pinned subgraph on its pin', async () => {
    const before = await latestConfig();
    expect((await uploadVersion('3.0.0')).status).toBe(201);
    expect(await latestConfig()).toEqual(before);
  });

  it('unpinning goes back to the newest build, and a new build reaches the router config', async () => {
    const res = await call('PATCH', paths.subgraph('products'), { pluginVersion: null });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.subgraph.plugin).toEqual({ name: 'products', version: null });
    expect(await pluginVersionInConfig()).toBe('3.0.0');
    expect((await uploadVersion('4.0.0')).status).toBe(201);
    const config = await latestConfig();
    expect(config.base.subgraphs.find((s) => s.name === 'products')?.plugin?.version).toBe('4.0.0');
  });

  it('a pin to a version or plugin that does not exist is refused and changes nothing', async () => {
    const missing = await call('PATCH', paths.subgraph('products'), { pluginVersion: '9.9.9' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('Plugin "products" has no version 9.9.9 in namespace "default"');
    const noPlugin = await call('PATCH', paths.subgraph('products'), { pluginName: 'nope', pluginVersion: '1.0.0' });
    expect(noPlugin.status).toBe(404);
    expect(noPlugin.body.error.message).toContain('Plugin "nope" not found');
    const unpinnedNoPlugin = await call('PATCH', paths.subgraph('products'), { pluginName: 'nope' });
    expect(unpinnedNoPlugin.status).toBe(404);
    expect(unpinnedNoPlugin.body.error.message).toContain('Plugin "nope" not found');
    const badVersion = await call('PATCH', paths.subgraph('products'), { pluginVersion: '../x' });
    expect(badVersion.status).toBe(400);
    const standard = await call('PATCH', paths.subgraph('reviews'), { pluginVersion: '1.0.0' });
    expect(standard.status).toBe(400);
    expect(standard.body.error.message).toContain('grpc_plugin subgraphs only');
    expect((await call('GET', paths.subgraph('products'))).body.plugin).toEqual({ name: 'products', version: null });
  });

  it('a viewer cannot pin', async () => {
    const viewer = await ts.member('viewer');
    expect((await viewer.json('PATCH', paths.subgraph('products'), { pluginVersion: '1.0.0' })).status).toBe(403);
  });

  it('publish can pin too, and a bad pin publishes nothing', async () => {
    const bad = await call('POST', paths.publish('products'), { sdl: productsSdl, pluginVersion: '7.7.7' });
    expect(bad.status).toBe(404);
    const good = await call('POST', paths.publish('products'), { sdl: productsSdl, pluginVersion: '2.0.0' });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body.subgraph.plugin).toEqual({ name: 'products', version: '2.0.0' });
    expect(await pluginVersionInConfig()).toBe('2.0.0');
  });

  it('a subgraph can run a plugin with another name', async () => {
    const res = await call('POST', paths.subgraphs, { name: 'catalog', type: 'grpc_plugin', pluginName: 'products', pluginVersion: '1.0.0' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.subgraph.plugin).toEqual({ name: 'products', version: '1.0.0' });
  });
});

describe('plugin usage and composition checks', () => {
  it('a plugin in use cannot be deleted: 409 naming the subgraphs', async () => {
    const res = await call('DELETE', pluginPath('products'));
    expect(res.status).toBe(409);
    expect(res.body.error.details.usedBy).toEqual(['subgraph catalog (pinned to 1.0.0)', 'subgraph products (pinned to 2.0.0)']);
    expect(res.body.error.message).toContain('subgraph products');    const builds = await call('GET', `${pluginPath('products')}/builds`);
    expect(builds.body.usedBy).toEqual(['subgraph catalog (pinned to 1.0.0)', 'subgraph products (pinned to 2.0.0)']);
  });

  it('a build whose schema does not compose where the plugin runs unpinned is refused, and nothing is stored', async () => {
    expect((await call('PATCH', paths.subgraph('products'), { pluginVersion: null })).status).toBe(200);
    const builds = await countRows(ts, 'plugin_builds');
    // reviews owns Product.reviews as [Review!]!; claiming it as an Int breaks composition.
    const broken = productsSdl.replace('price: Int', 'price: Int\n    reviews: Int');
    const res = await uploadVersion('5.0.0', broken);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.message).toContain('does not compose');
    const errors: { message: string }[] = res.body.error.details.errors ?? [];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.message.startsWith('graph "shop": '))).toBe(true);
    expect(await countRows(ts, 'plugin_builds')).toBe(builds);
    // The same schema is fine for a plugin no graph runs.
    expect((await uploadVersion('1.0.0', broken, 'unused')).status).toBe(201);
  });

  it('a plugin nobody uses can be deleted', async () => {
    expect((await call('DELETE', pluginPath('unused'))).status).toBe(204);
  });
});

describe('switchyard subgraph publish --plugin-version', () => {
  async function cli(args: string[], name = 'products') {
    const admin = await ts.admin();
    const key = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: `ci-${Date.now()}`, role: 'developer' }))
      .body.key as string;
    const schema = join(ts.storageDir, 'products.graphql');
    await writeFile(schema, productsSdl);
    let out = '';
    const code = await runSubgraphCommand(['publish', '--name', name, '--schema', schema, ...args], {
      env: { SWITCHYARD_API_URL: ts.url, SWITCHYARD_API_KEY: key },
      stdout: (t) => void (out += t),
      stderr: (t) => void (out += t),
      cwd: ts.storageDir,
    });
    return { code, out };
  }

  it('pins a build with the schema, and "latest" unpins', async () => {
    expect(await cli(['--plugin-version', '2.0.0'])).toMatchObject({ code: 0 });
    expect((await call('GET', paths.subgraph('products'))).body.plugin).toEqual({ name: 'products', version: '2.0.0' });
    expect(await pluginVersionInConfig()).toBe('2.0.0');
    expect(await cli(['--plugin-version', 'latest'])).toMatchObject({ code: 0 });
    expect((await call('GET', paths.subgraph('products'))).body.plugin).toEqual({ name: 'products', version: null });
    expect(await pluginVersionInConfig()).toBe('4.0.0');
  });

  it('refuses a pin for another subgraph type, and a version that does not exist', async () => {
    const wrongType = await cli(['--type', 'standard', '--plugin-version', '2.0.0']);
    expect(wrongType.code).toBe(2);
    expect(wrongType.out).toContain('--plugin and --plugin-version are for --type grpc_plugin subgraphs');
    const missing = await cli(['--plugin-version', '9.9.9']);
    expect(missing.code).not.toBe(0);
    expect(missing.out).toContain('has no version 9.9.9');
    expect((await call('GET', paths.subgraph('products'))).body.plugin).toEqual({ name: 'products', version: null });
  });

  it('says which build a plugin subgraph runs: pinned to a version, or following the newest', async () => {
    const pinned = await cli(['--plugin-version', '2.0.0']);
    expect(pinned.out).toContain('products runs plugin products, pinned to 2.0.0.');
    const following = await cli(['--plugin-version', 'latest']);
    expect(following.out).toContain('products runs plugin products, following its newest build.');
  });

  describe('a plugin subgraph of its own graph, first published by the CLI', () => {
    const stock = (version: string) =>
      tarGzOf(pluginEntries({ name: 'stock', version, schema: productsSdl, marker: version })).then((a) => uploadBuild(dev, a, { name: 'stock' }));
    let stockGraph: string;
    const stockVersion = async () => {
      const [row] = await query<{ config: string }>(
        ts.database,
        'SELECT config FROM router_configs WHERE graph_id = $1 ORDER BY id DESC LIMIT 1',
        [stockGraph],
      );
      return routerConfigSchema.parse(JSON.parse(row!.config)).base.subgraphs.find((s) => s.name === 'stock')?.plugin?.version;
    };

    beforeAll(async () => {
      stockGraph = (await createGraph(dev, 'warehouse', ['team=warehouse'])).graph.id;
      expect((await stock('1.0.0')).status).toBe(201);
    });

    it('follows the newest build when no version is named, and a new build reaches the router config', async () => {
      const first = await cli(['--type', 'grpc_plugin', '--label', 'team=warehouse'], 'stock');
      expect(first, first.out).toMatchObject({ code: 0 });
      expect(first.out).toContain('following its newest build');
      expect((await call('GET', paths.subgraph('stock'))).body.plugin).toEqual({ name: 'stock', version: null });
      expect(await stockVersion()).toBe('1.0.0');
      expect((await stock('2.0.0')).status).toBe(201);
      expect(await stockVersion()).toBe('2.0.0');
    });

    it('"latest" unpins with an unchanged schema, and the router config runs the newest build', async () => {
      expect((await cli(['--plugin-version', '1.0.0'], 'stock')).code).toBe(0);
      expect(await stockVersion()).toBe('1.0.0');
      expect((await stock('3.0.0')).status).toBe(201);
      expect(await stockVersion()).toBe('1.0.0');
      const latest = await cli(['--plugin-version', 'latest'], 'stock');
      expect(latest, latest.out).toMatchObject({ code: 0 });
      expect(latest.out).not.toContain('nothing to recompose');
      expect((await call('GET', paths.subgraph('stock'))).body.plugin).toEqual({ name: 'stock', version: null });
      expect(await stockVersion()).toBe('3.0.0');
      // Already following: "latest" again changes nothing and says so, naming what it runs.
      const again = await cli(['--plugin-version', 'latest'], 'stock');
      expect(again.code).toBe(0);
      expect(again.out).toContain('following its newest build');
      expect(await stockVersion()).toBe('3.0.0');
    });
  });
});
