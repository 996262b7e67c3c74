import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMockPluginDir } from '../plugins/mock/build-mock-dir.ts';
import { goPlatform } from '../plugins/runtime/platform.ts';
import { routerPluginsResponseSchema } from '../shared/router-plugins.ts';
import { silentLogger } from './logger.ts';
import { startRouter, type RunningRouter } from './start.ts';
import { gql, mustCompose } from './testing/helpers.ts';

const sdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Book @key(fields: "id") {
    id: ID!
    title: String!
  }
  type Query {
    books: [Book!]!
  }
`;
const STUDIO = 'http://studio.test';

let dir: string;
let router: RunningRouter;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-plugin-status-'));
  const built = await buildMockPluginDir(join(dir, 'plugins', 'books'), { sdl, name: 'books' });
  const config = mustCompose({ subgraphs: [{ name: 'books', url: 'http://unused.invalid/graphql', sdl }] });
  config.base.subgraphs = config.base.subgraphs.map((s) => ({
    ...s,
    kind: 'grpc_plugin' as const,
    url: null,
    plugin: { name: 'books', version: 'mock', sha256: 'a'.repeat(64), size: 0, downloadPath: '/unused', platforms: [goPlatform()] },
    grpc: { protoSchema: built.protoSchema, mapping: built.mapping },
  }));
  const file = join(dir, 'config.json');
  await writeFile(file, JSON.stringify(config));
  router = await startRouter({
    source: { kind: 'config-file', path: file },
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    pluginsDir: join(dir, 'plugins'),
    corsOrigins: [STUDIO],
    logger: silentLogger,
  });
});
afterAll(async () => {
  await router?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /plugins', () => {
  it('lists the supervised plugins with their state, restarts and cold start', async () => {
    const res = await gql(router.url, '{ books { id title } }');
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data?.books as unknown[]).length).toBeGreaterThan(0);

    const plugins = await fetch(`${router.url}/plugins`, { headers: { origin: STUDIO } });
    expect(plugins.status).toBe(200);
    expect(plugins.headers.get('access-control-allow-origin')).toBe(STUDIO);
    const body = routerPluginsResponseSchema.parse(await plugins.json());
    expect(body.supervised).toBe(true);
    expect(body.plugins).toHaveLength(1);
    const [p] = body.plugins;
    expect(p).toMatchObject({ name: 'books', build: `books@${'a'.repeat(16)}`, state: 'serving', restarts: 0, lastError: null });
    expect(p!.coldStartMs).toBeGreaterThan(0);
    expect(typeof p!.pid).toBe('number');
    expect(Number.isNaN(Date.parse(p!.servingSince ?? ''))).toBe(false);
  });

  it('answers CORS like /graphql: a preflight from an allowed origin, nothing for others, and GET only', async () => {
    const preflight = await fetch(`${router.url}/plugins`, { method: 'OPTIONS', headers: { origin: STUDIO, 'access-control-request-method': 'GET' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(STUDIO);
    const other = await fetch(`${router.url}/plugins`, { headers: { origin: 'http://evil.test' } });
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await fetch(`${router.url}/plugins`, { method: 'OPTIONS', headers: { origin: 'http://evil.test' } });
    expect(refused.status).toBe(403);
    const post = await fetch(`${router.url}/plugins`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect((await post.json()).error.code).toBe('METHOD_NOT_ALLOWED');
  });
});
