import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../../control-plane/demo/subgraphs/index.ts';
import { createRouter, type Router } from '../../router/router.ts';
import { gql, listen, mustCompose, type RunningServer } from '../../router/testing/helpers.ts';
import type { RouterConfig, RoutedSubgraph } from '../../shared/router-config.ts';
import { PluginManager } from '../runtime/plugin-manager.ts';
import { isAlive, mockPluginDir, startAsGrpcService, waitFor } from '../testing/fixtures.ts';
import { createGrpcTransports } from './router-transports.ts';

// The demo graph through the real router, with the HTTP `accounts` subgraph replaced by
// the generic mock plugin of its schema (plus a field the real service lacks): products
// and reviews over HTTP, users from the plugin by batched entity lookups.
const accountsMockSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type User @key(fields: "id") {
    id: ID!
    name: String!
    username: String!
    email: String
  }
  type Query {
    me: User
    user(id: ID!): User
  }
`;
const crossQuery = `{
  topProducts(first: 2) { name reviews { body author { id name email } } }
  me { id name }
}`;

let demo: DemoSubgraphs;
let plugin: Awaited<ReturnType<typeof mockPluginDir>>;
let manager: PluginManager;

function configWith(accounts: Partial<RoutedSubgraph>): RouterConfig {
  const config = mustCompose({
    subgraphs: demo.subgraphs.map((s) =>
      s.name === 'accounts'
        ? { name: 'accounts', url: 'http://127.0.0.1:1/unused', sdl: accountsMockSdl }
        : s,
    ),
  });
  const grpc = { protoSchema: plugin.protoSchema, mapping: plugin.mapping };
  config.base.subgraphs = config.base.subgraphs.map((s) =>
    s.name === 'accounts' ? { ...s, grpc, ...accounts } : s,
  );
  return config;
}

async function serve(config: RouterConfig): Promise<{ router: Router; http: RunningServer }> {
  const router = createRouter({
    transports: createGrpcTransports({ plugins: manager, resolvePluginDir: () => plugin.dir }),
  });
  const applied = await router.applyConfig(config);
  expect(applied.status).toBe('applied');
  const http = await listen(createServer((req, res) => router.handle(req, res)));
  return { router, http };
}

beforeAll(async () => {
  [demo, plugin] = await Promise.all([startDemoSubgraphs(), mockPluginDir(accountsMockSdl)]);
  manager = new PluginManager();
}, 60_000);

afterAll(async () => {
  await manager?.stopAll();
  await demo?.close();
  await plugin?.remove();
});

describe('gRPC subgraphs through the router', () => {
  let pluginAnswer: unknown;

  it('joins a plugin subgraph with the HTTP demo subgraphs, and stops the plugin with the router', async () => {
    const { router, http } = await serve(
      configWith({
        kind: 'grpc_plugin',
        url: null,
        plugin: {
          name: 'accounts-mock',
          version: 'mock',
          sha256: 'a'.repeat(64),
          size: 0,
          downloadPath: '',
          platforms: [],
        },
      }),
    );
    try {
      expect(manager.list()).toMatchObject([{ name: 'accounts-mock', state: 'serving' }]); // warmed up before serving
      const res = await gql(http.url, crossQuery);
      expect(res.body.errors).toBeUndefined();
      const data = res.body.data as {
        topProducts: {
          name: string;
          reviews: { body: string; author: { id: string; name: string; email: string } }[];
        }[];
        me: { id: string; name: string };
      };
      expect(data.topProducts.map((p) => p.name)).toEqual(['Table', 'Couch']);
      expect(data.topProducts[0]!.reviews.map((r) => r.body)).toEqual([
        'Sturdy and good value.',
        'Wobbles a little on tiles.',
      ]);
      const authors = data.topProducts.flatMap((p) => p.reviews.map((r) => r.author));
      expect(authors.map((a) => a.id)).toEqual(['1', '2', '1']);
      for (const a of authors) {
        expect(a.name).toMatch(/\S/);
        expect(a.email).toContain('@'); // the field the mock adds
      }
      expect(authors[2]).toEqual(authors[0]); // the same key is the same mock user
      expect(data.me.id).toMatch(/\S/);
      pluginAnswer = res.body;
    } finally {
      const pid = manager.list()[0]?.pid;
      await router.close();
      await http.close();
      expect(manager.list()).toEqual([]);
      if (pid) expect(isAlive(pid)).toBe(false);
    }
  }, 30_000);

  it('gives the same answer from the same schema served as a grpc_service over TCP', async () => {
    const service = await startAsGrpcService(plugin.binaryPath);
    const { router, http } = await serve(
      configWith({ kind: 'grpc_service', url: service.address, plugin: null }),
    );
    try {
      const res = await gql(http.url, crossQuery);
      expect(res.body).toEqual(pluginAnswer);
    } finally {
      await router.close();
      await http.close();
      await service.stop();
    }
  }, 30_000);

  it('keeps serving the other subgraphs while a killed plugin restarts', async () => {
    const { router, http } = await serve(
      configWith({
        kind: 'grpc_plugin',
        url: null,
        plugin: {
          name: 'accounts-mock',
          version: 'mock',
          sha256: 'b'.repeat(64),
          size: 0,
          downloadPath: '',
          platforms: [],
        },
      }),
    );
    try {
      const firstPid = manager.list()[0]!.pid!;
      let stop = false;
      const failures: unknown[] = [];
      let done = 0;
      const stream = (async () => {
        while (!stop) {
          const res = await gql(http.url, '{ topProducts(first: 3) { name price } }');
          if (res.status !== 200 || res.body.errors) failures.push(res.body);
          done++;
        }
      })();
      await waitFor(() => done >= 5, 10_000, 'requests before the kill');
      process.kill(firstPid, 'SIGKILL');
      await waitFor(
        () => manager.list()[0]?.state === 'serving' && manager.list()[0]?.pid !== firstPid,
        10_000,
        'restart',
      );
      const before = done;
      await waitFor(() => done >= before + 5, 10_000, 'requests after the restart');
      stop = true;
      await stream;
      expect(failures).toEqual([]);
      expect(manager.list()[0]).toMatchObject({ restarts: 1 });
      const after = await gql(http.url, '{ me { id name } }');
      expect(after.body.errors).toBeUndefined();
    } finally {
      await router.close();
      await http.close();
    }
  }, 40_000);
});
