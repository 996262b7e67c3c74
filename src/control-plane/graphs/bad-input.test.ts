import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import { MAX_SCHEMA_BYTES } from '../../shared/api/schema-registry.ts';
import {
  accountsSdl,
  createGraph,
  paths,
  productsSdl,
  publish,
  query,
  reviewsSdl,
} from './testing/fixtures.ts';

let ts: TestServer;
let admin: TestClient;
beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
});
afterAll(() => ts.close());

function expectError(
  res: { status: number; body: { error?: { code: string; message: string } } },
  status: number,
  message: RegExp,
) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error?.message).toMatch(message);
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+/);
}

/** An SDL of exactly `bytes` bytes: a tiny schema padded with comment lines. */
function sdlOfSize(bytes: number): string {
  const head = 'type Query { big: String }\n';
  const line = `# ${'x'.repeat(97)}\n`;
  let body = head + line.repeat(Math.floor((bytes - head.length) / line.length));
  body += '#'.repeat(bytes - body.length);
  return body;
}

describe('schemas', () => {
  it('a syntax error is a 400 naming line and column', async () => {
    const res = await admin.json('POST', paths.publish('broken'), {
      sdl: 'type Query {\n  ok: String\n  bad: \n}\n',
      routingUrl: 'http://localhost:4001/graphql',
    });
    expectError(res, 400, /^Syntax error at line 4, column 1: /);
    expect(res.body.error?.details).toEqual({ line: 4, column: 1 });
    expect((await admin.json('GET', paths.subgraph('broken'))).status).toBe(404);
    const check = await admin.json('POST', paths.check('broken'), { sdl: 'type {' });
    expectError(check, 400, /line 1, column 6/);
  });

  it('accepts a 5 MB schema and refuses a larger one with 413', async () => {
    const sdl = sdlOfSize(MAX_SCHEMA_BYTES);
    expect(Buffer.byteLength(sdl)).toBe(MAX_SCHEMA_BYTES);
    const ok = await admin.json('POST', paths.publish('huge'), {
      sdl,
      routingUrl: 'http://localhost:4001/graphql',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toMatchObject({ version: 1, sizeBytes: MAX_SCHEMA_BYTES });

    // Within the body limit but over 5 MB of schema.
    const over = await admin.json('POST', paths.publish('huge'), { sdl: sdlOfSize(MAX_SCHEMA_BYTES + 1) });
    expectError(over, 413, /at most 5242880 bytes/);
    expect(over.body.error?.code).toBe('payload_too_large');
    // Over the body limit itself.
    const body = await admin.json('POST', paths.publish('huge'), { sdl: sdlOfSize(6 * 1024 * 1024) });
    expectError(body, 413, /too large/);
    expect(
      (await admin.json('GET', graphPaths.subgraphVersions(ORG, 'default', 'huge'))).body.versions,
    ).toHaveLength(1);
  });

  it('an empty schema, a missing routing URL for a new subgraph, and extra fields', async () => {
    expectError(await admin.json('POST', paths.publish('e'), { sdl: '' }), 400, /empty/);
    expectError(
      await admin.json('POST', paths.publish('new-one'), { sdl: 'type Query { a: String }' }),
      400,
      /does not exist .* give its routingUrl/,
    );
    expectError(
      await admin.json('POST', paths.publish('x'), {
        sdl: 'type Query { a: String }',
        routingUrl: 'http://a/graphql',
        force: true,
      }),
      400,
      /Unknown field\(s\): force/,
    );
    expectError(
      await admin.json('POST', paths.graphs, { name: 'g', routingUrl: 'http://a/graphql', extra: 1 }),
      400,
      /Unknown field\(s\): extra/,
    );
  });
});

describe('names, labels and URLs', () => {
  it('names follow [a-z0-9][a-z0-9_-]*, at most 100 characters', async () => {
    expectError(
      await admin.json('POST', paths.publish('Products'), {
        sdl: productsSdl,
        routingUrl: 'http://a/graphql',
      }),
      400,
      /lowercase/,
    );
    expectError(
      await admin.json('POST', paths.graphs, { name: 'my graph', routingUrl: 'http://a/graphql' }),
      400,
      /^Invalid request body: name: Name must start/,
    );
    expectError(
      await admin.json('POST', paths.subgraphs, { name: 'x'.repeat(101), routingUrl: 'http://a/graphql' }),
      400,
      /at most 100 characters/,
    );
    expect(
      (await admin.json('POST', paths.subgraphs, { name: 'x'.repeat(100), routingUrl: 'http://a/graphql' }))
        .status,
    ).toBe(201);
    expectError(
      await admin.json('GET', graphPaths.graphs(ORG, '-bad')),
      400,
      /^Invalid request params: namespace/,
    );
  });

  it('label syntax errors are explained', async () => {
    const create = (labels: unknown) =>
      admin.json('POST', paths.subgraphs, { name: 'labelled', routingUrl: 'http://a/graphql', labels });
    expectError(await create(['team']), 400, /"team" must look like key=value/);
    expectError(await create(['team=']), 400, /empty value/);
    expectError(
      await create(['team=a b']),
      400,
      /the value "a b" is not valid; keys and values are 1–63 characters from a-z A-Z 0-9 \. _ -/,
    );
    expectError(await create(['-team=a']), 400, /the key "-team" is not valid/);
    expectError(await create([`k=${'v'.repeat(64)}`]), 400, /is not valid/);
    const matchers = (labelMatchers: unknown) =>
      admin.json('POST', paths.graphs, { name: 'matched', routingUrl: 'http://a/graphql', labelMatchers });
    expectError(await matchers(['team=a,,team=b']), 400, /empty entry/);
    expectError(
      await matchers(['team=a,team']),
      400,
      /Label matcher "team=a,team": Label "team" must look like key=value/,
    );
    expectError(await matchers('team=a'), 400, /labelMatchers/);
    expect((await create(['team=a', 'env.tier=prod-1', 'team=a'])).body.subgraph).toMatchObject({
      labels: ['env.tier=prod-1', 'team=a'],
    });
  });

  it('routing URLs fit the subgraph type', async () => {
    const create = (name: string, type: string, routingUrl: unknown) =>
      admin.json('POST', paths.subgraphs, { name, type, routingUrl });
    expectError(await create('u1', 'standard', 'not a url'), 400, /not an absolute URL/);
    expectError(await create('u2', 'standard', 'ftp://x/graphql'), 400, /http:\/\/ or https:\/\//);
    expectError(await create('u3', 'standard', null), 400, /needs a routingUrl/);
    expectError(await create('u4', 'grpc_service', 'http://x:50051'), 400, /not a gRPC target/);
    expectError(await create('u5', 'mystery', 'http://x'), 400, /type/);
    expect((await create('u6', 'grpc_service', 'dns:///products:50051')).status).toBe(201);
    expect((await create('u7', 'grpc_plugin', null)).status).toBe(201);
    expectError(
      await admin.json('PATCH', paths.subgraph('u6'), { type: 'standard' }),
      400,
      /must be an http:\/\/ or https:\/\/ URL/,
    );
    expectError(
      await admin.json('PATCH', paths.subgraph('u6'), {}),
      400,
      /Send type, routingUrl and\/or labels/,
    );
    expectError(
      await admin.json('POST', paths.graphs, { name: 'g', routingUrl: 'localhost:3002' }),
      400,
      /routingUrl/,
    );
  });

  it('unknown namespaces, graphs, subgraphs and compositions are 404s', async () => {
    expectError(await admin.json('GET', graphPaths.graphs(ORG, 'nope')), 404, /Namespace "nope" not found/);
    expectError(await admin.json('GET', paths.graph('nope')), 404, /Graph "nope" not found/);
    expectError(await admin.json('DELETE', paths.subgraph('nope')), 404, /Subgraph "nope" not found/);
    expectError(
      await admin.json('GET', graphPaths.subgraphSchema(ORG, 'default', 'u7')),
      404,
      /no published schema/,
    );
    await createGraph(admin, 'empty', ['graph=empty']);
    expectError(
      await admin.json('GET', graphPaths.graphSchema(ORG, 'default', 'empty')),
      404,
      /not composed/,
    );
    expectError(
      await admin.json(
        'GET',
        graphPaths.composition(ORG, 'default', 'empty', '00000000-0000-4000-8000-000000000000'),
      ),
      404,
      /not found/,
    );
    expectError(
      await admin.json('GET', graphPaths.composition(ORG, 'default', 'empty', 'x')),
      400,
      /composition id/,
    );
    expectError(
      await admin.json('POST', paths.graphs, { name: 'empty', routingUrl: 'http://a/graphql' }),
      409,
      /already exists/,
    );
  });
});

describe('one transaction per request', () => {
  it('a failure late in a request leaves nothing half-written', async () => {
    await createGraph(admin, 'atomic', ['graph=atomic']);
    const count = async (table: string) =>
      (await query<{ n: number }>(ts.database, `SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
    const before = {
      subgraphs: await count('subgraphs'),
      versions: await count('schema_versions'),
      audit: await count('audit_log'),
    };
    // Make the last write of a publish (its composition) fail, as a lost connection would.
    await query(
      ts.database,
      `CREATE FUNCTION fail_compositions() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated failure'; END $$`,
    );
    await query(
      ts.database,
      'CREATE TRIGGER fail_compositions BEFORE INSERT ON compositions FOR EACH ROW EXECUTE FUNCTION fail_compositions()',
    );
    try {
      const res = await admin.json('POST', paths.publish('atomic-sub'), {
        sdl: accountsSdl,
        routingUrl: 'http://a/graphql',
        labels: ['graph=atomic'],
      });
      expect(res.status).toBe(500);
      expect(res.body.error?.message).not.toMatch(/simulated/);
    } finally {
      await query(ts.database, 'DROP TRIGGER fail_compositions ON compositions');
      await query(ts.database, 'DROP FUNCTION fail_compositions()');
    }
    expect({
      subgraphs: await count('subgraphs'),
      versions: await count('schema_versions'),
      audit: await count('audit_log'),
    }).toEqual(before);
    expect((await admin.json('GET', paths.subgraph('atomic-sub'))).status).toBe(404);
    // The same request succeeds once the fault is gone.
    expect(
      (await publish(admin, 'atomic-sub', accountsSdl, { labels: ['graph=atomic'] })).compositions[0]!.status,
    ).toBe('success');
  });

  it('concurrent publishes to one graph compose one after the other; the last composition has both', async () => {
    await createGraph(admin, 'race', ['graph=race']);
    await Promise.all([
      publish(admin, 'race-products', productsSdl, { labels: ['graph=race'] }),
      publish(admin, 'race-reviews', reviewsSdl, { labels: ['graph=race'] }),
    ]);
    const graph = await admin.json('GET', paths.graph('race'));
    const latest = await admin.json(
      'GET',
      graphPaths.composition(ORG, 'default', 'race', (graph.body.latestComposition as { id: string }).id),
    );
    expect((latest.body.subgraphs as { name: string }[]).map((s) => s.name)).toEqual([
      'race-products',
      'race-reviews',
    ]);
    expect(latest.body.status).toBe('success');
  });
});

describe('OpenAPI', () => {
  it('describes the registry routes from the same schemas', async () => {
    const doc = await ts.client().json('GET', '/api/openapi.json');
    const paths = doc.body.paths as Record<string, Record<string, { tags: string[] }>>;
    expect(
      paths['/api/v1/orgs/{org}/namespaces/{namespace}/subgraphs/{subgraph}/schema']?.post?.tags,
    ).toEqual(['schemas']);
    expect(paths['/api/v1/orgs/{org}/namespaces/{namespace}/graphs/{graph}/compositions']?.get).toBeDefined();
  });
});
