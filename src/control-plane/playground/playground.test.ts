import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { createGraph } from '../graphs/testing/fixtures.ts';
import { playgroundPaths, type Collection, type PlaygroundSettings, type SavedOperation } from '../../shared/api/playground.ts';

let ts: TestServer;
let admin: TestClient;
let developer: TestClient;
let viewer: TestClient;
const p = {
  settings: playgroundPaths.settings(ORG, 'default', 'shop'),
  environment: playgroundPaths.environment(ORG, 'default', 'shop'),
  preflight: playgroundPaths.preflight(ORG, 'default', 'shop'),
  collections: playgroundPaths.collections(ORG, 'default', 'shop'),
  collection: (id: string) => playgroundPaths.collection(ORG, 'default', 'shop', id),
  operations: (id: string) => playgroundPaths.collectionOperations(ORG, 'default', 'shop', id),
  operation: (id: string) => playgroundPaths.operation(ORG, 'default', 'shop', id),
};

beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
  await createGraph(admin, 'shop', ['graph=shop']);
  await createGraph(admin, 'other', ['graph=other']);
  developer = await ts.member('developer');
  viewer = await ts.member('viewer');
});
afterAll(() => ts.close());

describe('playground environment and preflight script', () => {
  it('start empty; developers change them, viewers read them and are refused changes', async () => {
    const empty = await viewer.json('GET', p.settings);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ environment: { variables: {}, updatedBy: null }, preflight: { script: '' } });

    const env = await developer.json('PUT', p.environment, { variables: { tenant: 't1', 'api.host': 'https://api.test' } });
    expect(env.status, JSON.stringify(env.body)).toBe(200);
    const script = "lab.request.headers.set('x-run', lab.crypto.randomUUID());";
    const pre = await developer.json('PUT', p.preflight, { script });
    expect(pre.status).toBe(200);

    const read = (await viewer.json('GET', p.settings)).body as unknown as PlaygroundSettings;
    expect(read.environment.variables).toEqual({ tenant: 't1', 'api.host': 'https://api.test' });
    expect(read.environment.updatedBy).toMatch(/^developer-/);
    expect(read.preflight.script).toBe(script);

    for (const [path, body] of [[p.environment, { variables: { tenant: 'x' } }], [p.preflight, { script: '' }]] as const) {
      const refused = await viewer.json('PUT', path, body);
      expect(refused.status).toBe(403);
      expect(refused.body.error?.message).toMatch(/needs the developer role/);
    }
    const audit = await admin.json('GET', `/api/v1/orgs/${ORG}/audit-log`);
    expect(JSON.stringify(audit.body)).toContain('graph.playground_preflight_updated');
  });

  it('refuse a shared value shaped like a credential, and bad names, with a message saying why', async () => {
    const bearer = await developer.json('PUT', p.environment, { variables: { token: 'Bearer abc.def' } });
    expect(bearer.status).toBe(400);
    expect(bearer.body.error?.message).toMatch(/"token" looks like an Authorization value.*personal values/);
    const jwt = await developer.json('PUT', p.environment, { variables: { t: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig' } });
    expect(jwt.body.error?.message).toMatch(/looks like a JWT/);
    const badName = await developer.json('PUT', p.environment, { variables: { 'no spaces': 'x' } });
    expect(badName.status).toBe(400);
    expect(JSON.stringify(badName.body)).toMatch(/variable name \\"no spaces\\" is not valid/);
    const missing = await developer.json('GET', playgroundPaths.settings(ORG, 'default', 'nope'));
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe('Graph "nope" not found in namespace "default"');
  });
});

describe('playground collections', () => {
  it('a developer saves an operation; a viewer opens it but cannot change anything', async () => {
    const col = await developer.json('POST', p.collections, { name: 'Checkout' });
    expect(col.status, JSON.stringify(col.body)).toBe(201);
    const collection = col.body as unknown as Collection;
    const saved = await developer.json('POST', p.operations(collection.id), {
      name: 'Top products',
      query: '{ topProducts { name } }',
      variables: '{"first": 2}',
      headers: '{"x-tenant": "{{tenant}}"}',
      flag: 'new-reviews',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const op = saved.body as unknown as SavedOperation;

    const opened = await viewer.json('GET', p.operation(op.id));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ name: 'Top products', headers: '{"x-tenant": "{{tenant}}"}', flag: 'new-reviews' });
    const list = (await viewer.json('GET', p.collections)).body as unknown as { collections: Collection[] };
    expect(list.collections.find((c) => c.id === collection.id)?.operations.map((o) => o.name)).toEqual(['Top products']);

    const attempts = [
      ['POST', p.collections, { name: 'Mine' }],
      ['PATCH', p.collection(collection.id), { name: 'x' }],
      ['DELETE', p.collection(collection.id), undefined],
      ['POST', p.operations(collection.id), { name: 'x', query: '{a}' }],
      ['PATCH', p.operation(op.id), { name: 'x' }],
      ['DELETE', p.operation(op.id), undefined],
    ] as const;
    for (const [method, path, body] of attempts) {
      const res = await viewer.json(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
  });

  it('rename, move between collections and delete; names are unique per graph; ids stay within their graph', async () => {
    const a = (await developer.json('POST', p.collections, { name: 'A' })).body as unknown as Collection;
    const b = (await developer.json('POST', p.collections, { name: 'B' })).body as unknown as Collection;
    const dup = await developer.json('POST', p.collections, { name: 'A' });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.message).toBe('This graph already has a collection named "A"');
    expect((await developer.json('PATCH', p.collection(b.id), { name: 'A' })).status).toBe(409);

    const op = (await developer.json('POST', p.operations(a.id), { name: 'One', query: '{ a }' })).body as unknown as SavedOperation;
    expect(op).toMatchObject({ variables: '', headers: '', flag: null });
    const moved = await developer.json('PATCH', p.operation(op.id), { collectionId: b.id, name: 'Uno' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ collectionId: b.id, name: 'Uno' });
    const renamed = await developer.json('PATCH', p.collection(b.id), { name: 'Bee' });
    expect(renamed.body).toMatchObject({ name: 'Bee', operations: [expect.objectContaining({ name: 'Uno' })] });

    // The other graph's paths do not reach this graph's collections or operations.
    const otherOp = playgroundPaths.operation(ORG, 'default', 'other', op.id);
    expect((await developer.json('GET', otherOp)).status).toBe(404);
    const otherCol = (await developer.json('POST', playgroundPaths.collections(ORG, 'default', 'other'), { name: 'Elsewhere' })).body as unknown as Collection;
    const crossMove = await developer.json('PATCH', p.operation(op.id), { collectionId: otherCol.id });
    expect(crossMove.status).toBe(404);
    expect(crossMove.body.error?.message).toMatch(/Collection .* not found in this graph/);
    expect((await developer.json('PATCH', p.operation(op.id), {})).status).toBe(400);
    expect((await developer.json('GET', p.operation('not-a-uuid'))).status).toBe(400);

    expect((await developer.json('DELETE', p.collection(b.id))).status).toBe(204);
    expect((await developer.json('GET', p.operation(op.id))).status).toBe(404);
    expect((await developer.json('POST', p.operations(a.id), { name: 'Empty', query: '' })).status).toBe(400);
  });
});

describe('playground API description', () => {
  it('lists the playground endpoints in the OpenAPI document', async () => {
    const doc = (await ts.client().json('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const base = '/api/v1/orgs/{org}/namespaces/{namespace}/graphs/{graph}/playground';
    expect(Object.keys(doc.paths[base]!)).toEqual(['get']);
    expect(Object.keys(doc.paths[`${base}/operations/{operation}`]!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths[`${base}/preflight`]).toHaveProperty('put');
  });
});
