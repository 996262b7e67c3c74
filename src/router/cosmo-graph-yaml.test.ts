import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompose } from '../cli/commands/compose-command.ts';
import { startRouterFromArgs } from '../cli/commands/router.ts';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import { buildMockPluginDir } from '../plugins/mock/build-mock-dir.ts';
import { routerConfigSchema } from '../shared/router-config.ts';
import type { RunningRouter } from './start.ts';
import { gql } from './testing/helpers.ts';

// Cosmo's graph.yaml, as a team has it next to `wgc router compose`: an HTTP subgraph, a
// plugin folder in Cosmo's layout and a feature flag, composed by `switchyard compose` and
// served by `switchyard router --config`, which starts the plugin from its folder.
let demo: DemoSubgraphs;
let dir: string;
let running: RunningRouter | undefined;

const inventorySdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])
  type Warehouse @key(fields: "id") {
    id: ID!
    city: String!
    stock: Int!
  }
  type Query {
    warehouses(limit: Int): [Warehouse!]!
  }
`;

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

async function compose(yaml: string) {
  const file = join(dir, 'graph.yaml');
  await writeFile(file, yaml);
  const out = capture();
  const err = capture();
  const code = await runCompose(['--subgraphs', file, '--out', join(dir, 'router-config.json')], { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

const productsUrl = () => demo.subgraphs.find((s) => s.name === 'products')!.url;
const productsSdl = () => demo.subgraphs.find((s) => s.name === 'products')!.sdl;

beforeAll(async () => {
  demo = await startDemoSubgraphs();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-cosmo-yaml-'));
  await mkdir(join(dir, 'schemas'));
  await writeFile(join(dir, 'schemas', 'products.graphql'), productsSdl());
  await writeFile(
    join(dir, 'schemas', 'products-v2.graphql'),
    productsSdl().replace('weight: Int', 'weight: Int\n    "only in the flag"\n    sku: String'),
  );
  await buildMockPluginDir(join(dir, 'plugins', 'inventory'), {
    sdl: inventorySdl,
    name: 'inventory',
    mocks: { Warehouse: { city: 'Mocked city' } },
  });
}, 120_000);

afterAll(async () => {
  await running?.close();
  await demo?.close();
  await rm(dir, { recursive: true, force: true });
});

const graphYaml = () => `version: 1
subgraphs:
  - name: products
    routing_url: ${productsUrl()}
    schema:
      file: ./schemas/products.graphql
  - plugin:
      version: 0.1.0
      path: ./plugins/inventory
feature_flags:
  - name: sku
    feature_graphs:
      - name: products-v2
        subgraph_name: products
        routing_url: ${productsUrl()}
        schema:
          file: ./schemas/products-v2.graphql
`;

describe("Cosmo's graph.yaml", () => {
  it('composes plugin folders and feature graphs into a router config', async () => {
    const result = await compose(graphYaml());
    expect(result, result.err).toMatchObject({ code: 0 });
    expect(result.out).toContain('2 subgraphs, feature flags: sku');
    const config = routerConfigSchema.parse(JSON.parse(await readFile(join(dir, 'router-config.json'), 'utf8')));
    const inventory = config.base.subgraphs.find((s) => s.name === 'inventory')!;
    expect(inventory).toMatchObject({
      kind: 'grpc_plugin',
      url: null,
      plugin: { name: 'inventory', version: '0.1.0', downloadPath: expect.stringMatching(/^file:\/\/.*\/plugins\/inventory$/) },
    });
    expect(inventory.grpc?.protoSchema).toContain('service InventoryService');
    expect(config.featureFlags[0]!.subgraphs.map((s) => s.name).sort()).toEqual(['inventory', 'products']);
  }, 60_000);

  it('switchyard router --config starts the plugin from its folder and serves both subgraphs', async () => {
    running = await startRouterFromArgs(['--config', join(dir, 'router-config.json'), '--port', '0', '--no-watch'], {
      ROUTER_HOST: '127.0.0.1',
      SWITCHYARD_ROUTER_DATA_DIR: join(dir, 'router-data'),
      LOG_LEVEL: 'silent',
    });
    const plugin = await gql(running.url, '{ warehouses(limit: 2) { id city stock } }');
    expect(plugin.body.errors).toBeUndefined();
    const warehouses = (plugin.body.data as { warehouses: { city: string }[] }).warehouses;
    expect(warehouses.length).toBeGreaterThan(0);
    expect(warehouses[0]!.city).toBe('Mocked city');

    const http = await gql(running.url, '{ topProducts(first: 1) { name } }');
    expect(http.body).toEqual({ data: { topProducts: [{ name: 'Table' }] } });
    // The flag's schema has sku: the router plans it and asks the feature graph's service (the
    // demo products service, which does not have it); the base graph refuses it itself.
    const header = { 'x-feature-flag': 'sku' };
    expect((await gql(running.url, '{ topProducts(first: 1) { name } }', header)).body.errors).toBeUndefined();
    const flagged = await gql(running.url, '{ topProducts(first: 1) { name sku } }', header);
    expect(flagged.body.errors?.[0]).toMatchObject({ extensions: { serviceName: 'products' } });
    const base = await gql(running.url, '{ topProducts(first: 1) { name sku } }');
    expect(base.body.errors?.[0]?.message).toContain('Cannot query field "sku" on type "Product"');
    expect(base.body.errors?.[0]?.extensions).not.toHaveProperty('serviceName');

    const metrics = await (await fetch(`${running.url}/metrics`)).text();
    expect(metrics).toMatch(/switchyard_plugin_up\{[^}]*plugin="inventory"[^}]*\} 1/);
  }, 120_000);

  it('names what is wrong in a graph.yaml', async () => {
    const noSchema = await compose(`version: 1\nsubgraphs:\n  - name: products\n    routing_url: ${productsUrl()}\n`);
    expect(noSchema.code).toBe(2);
    expect(noSchema.err).toContain('subgraphs.0.schema: needs schema.file: Switchyard does not introspect subgraphs');
    const badVersion = await compose(`version: 2\nsubgraphs:\n  - plugin:\n      version: 1.0.0\n      path: ./plugins/inventory\n`);
    expect(badVersion.err).toContain('version: only graph.yaml version 1 is known');
    const missing = await compose(`version: 1\nsubgraphs:\n  - plugin:\n      version: 1.0.0\n      path: ./plugins/nope\n`);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/Plugin "nope" \(.*plugins\/nope\): no binary for this platform at .*bin\/linux_/);
  }, 60_000);
});
