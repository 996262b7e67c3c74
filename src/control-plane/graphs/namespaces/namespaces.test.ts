import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../../testing/test-server.ts';
import type { TestClient } from '../../testing/test-client.ts';
import { graphPaths } from '../../../shared/api/graph-paths.ts';

let ts: TestServer;
let admin: TestClient;
beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
});
afterAll(() => ts.close());

describe('namespace list', () => {
  it('counts the graphs and subgraphs of each namespace', async () => {
    expect((await admin.json('POST', graphPaths.namespaces(ORG), { name: 'counted' })).status).toBe(201);
    const created = await admin.json('POST', graphPaths.graphs(ORG, 'counted'), {
      name: 'one',
      routingUrl: 'http://localhost:3002/graphql',
      labelMatchers: [],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const name of ['a', 'b']) {
      const res = await admin.json('POST', `${graphPaths.subgraph(ORG, 'counted', name)}/schema`, {
        sdl: `type Query { ${name}: String }`,
        routingUrl: `http://localhost:4001/${name}`,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    const list = await admin.json('GET', graphPaths.namespaces(ORG));
    const counted = (list.body.namespaces as { name: string; graphCount: number; subgraphCount: number }[]).find((n) => n.name === 'counted');
    expect(counted).toMatchObject({ graphCount: 1, subgraphCount: 2 });
    expect((await admin.json('DELETE', graphPaths.namespace(ORG, 'counted'))).status).toBe(204);
  });
});
