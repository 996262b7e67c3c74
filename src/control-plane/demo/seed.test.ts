import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import { accountsSdl, productsSdl, query, reviewsSdl } from '../graphs/testing/fixtures.ts';
import { seedDemoGraph } from './seed.ts';

let ts: TestServer;
let orgId: string;
beforeAll(async () => {
  ts = await startTestServer();
  orgId = (
    await query<{ id: string }>(ts.database, 'SELECT id FROM organizations WHERE slug = $1', [ORG])
  )[0]!.id;
});
afterAll(() => ts.close());

const demo = [
  { name: 'products', url: 'http://127.0.0.1:4101/graphql', sdl: productsSdl },
  { name: 'reviews', url: 'http://127.0.0.1:4102/graphql', sdl: reviewsSdl },
  { name: 'accounts', url: 'http://127.0.0.1:4103/graphql', sdl: accountsSdl },
];

describe('seedDemoGraph', () => {
  it('creates graph demo from the subgraphs, composed and with a router config, once', async () => {
    const [first, second] = await Promise.all([
      seedDemoGraph(ts.database.db, orgId, demo),
      seedDemoGraph(ts.database.db, orgId, demo),
    ]);
    const seeded = [first, second].filter((r) => r.seeded);
    expect(seeded).toHaveLength(1);
    expect(seeded[0]).toMatchObject({
      compositions: [
        expect.objectContaining({ graph: 'demo', status: 'success', routerConfigChanged: true }),
      ],
    });

    const admin = await ts.admin();
    const graph = await admin.json('GET', graphPaths.graph(ORG, 'default', 'demo'));
    expect(graph.body).toMatchObject({
      status: 'composed',
      labelMatchers: ['graph=demo'],
      routingUrl: 'http://localhost:3002/graphql',
      subgraphCount: 3,
    });
    expect(graph.body.routerConfig).not.toBeNull();
    const subgraphs = graph.body.subgraphs as {
      name: string;
      labels: string[];
      routingUrl: string;
      latestVersion: { version: number; createdBy: string };
    }[];
    expect(
      subgraphs.map((s) => [
        s.name,
        s.routingUrl,
        s.labels,
        s.latestVersion.version,
        s.latestVersion.createdBy,
      ]),
    ).toEqual([
      ['accounts', 'http://127.0.0.1:4103/graphql', ['graph=demo'], 1, 'system:demo-seed'],
      ['products', 'http://127.0.0.1:4101/graphql', ['graph=demo'], 1, 'system:demo-seed'],
      ['reviews', 'http://127.0.0.1:4102/graphql', ['graph=demo'], 1, 'system:demo-seed'],
    ]);
    const schema = await admin.json('GET', graphPaths.graphSchema(ORG, 'default', 'demo'));
    expect(schema.body.clientSchema).toMatch(/me: User/);

    // Again: nothing changes.
    expect(await seedDemoGraph(ts.database.db, orgId, demo)).toEqual({ seeded: false });
    const history = await admin.json('GET', graphPaths.compositions(ORG, 'default', 'demo'));
    expect(history.body.compositions).toHaveLength(1);
  });

  it('refuses an SDL with a syntax error before writing anything', async () => {
    await expect(
      seedDemoGraph(ts.database.db, orgId, [{ name: 'x', url: 'http://x/graphql', sdl: 'type {' }]),
    ).rejects.toThrow(/line 1, column 6/);
  });
});
