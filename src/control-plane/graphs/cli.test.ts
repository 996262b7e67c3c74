import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import { runSubgraphCommand } from '../../cli/commands/subgraph-command.ts';
import { conflictingReviewsSdl, createGraph, productsSdl, reviewsSdl } from './testing/fixtures.ts';

let ts: TestServer;
let dir: string;
let developerKey: string;
let viewerKey: string;
beforeAll(async () => {
  ts = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-cli-'));
  const admin = await ts.admin();
  developerKey = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'ci', role: 'developer' }))
    .body.key as string;
  viewerKey = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'ci-read', role: 'viewer' }))
    .body.key as string;
  await createGraph(admin, 'cli-graph', ['graph=cli']);
  await writeFile(join(dir, 'products.graphql'), productsSdl);
  await writeFile(join(dir, 'reviews.graphql'), reviewsSdl);
  await writeFile(
    join(dir, 'products-added.graphql'),
    productsSdl.replace('price: Int', 'price: Int\n  sku: String'),
  );
  await writeFile(join(dir, 'products-breaking.graphql'), productsSdl.replace('  price: Int\n', ''));
  await writeFile(join(dir, 'reviews-conflicting.graphql'), conflictingReviewsSdl);
});
afterAll(async () => {
  await ts.close();
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], key: string | null = developerKey, url = ts.url) {
  let stdout = '';
  let stderr = '';
  const code = await runSubgraphCommand(args, {
    env: { SWITCHYARD_API_URL: url, ...(key ? { SWITCHYARD_API_KEY: key } : {}) },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
  });
  return { code, stdout, stderr };
}

describe('switchyard subgraph publish', () => {
  it('creates the subgraph, publishes and reports each graph', async () => {
    const first = await cli([
      'publish',
      '--namespace',
      'default',
      '--name',
      'products',
      '--schema',
      'products.graphql',
      '--routing-url',
      'http://localhost:4001/graphql',
      '--label',
      'graph=cli',
    ]);
    expect(first, first.stderr).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/^Published products v1 in namespace default \(subgraph created\)\./);
    expect(first.stdout).toMatch(/✓ cli-graph: composed; router config [a-f0-9]{12}… \(new\)/);

    const second = await cli([
      'publish',
      '--name',
      'reviews',
      '--schema',
      'reviews.graphql',
      '--routing-url',
      'http://localhost:4002/graphql',
      '--label',
      'graph=cli',
    ]);
    expect(second.code).toBe(0);
    const again = await cli(['publish', '--name', 'reviews', '--schema', 'reviews.graphql']);
    expect(again.stdout).toMatch(/unchanged \(still v1\)/);

    const admin = await ts.admin();
    const graph = await admin.json('GET', `/api/v1/orgs/${ORG}/namespaces/default/graphs/cli-graph`);
    expect(graph.body).toMatchObject({ status: 'composed', subgraphCount: 2 });
    const versions = await admin.json(
      'GET',
      `/api/v1/orgs/${ORG}/namespaces/default/subgraphs/products/schema/versions`,
    );
    expect(versions.body.versions).toEqual([
      expect.objectContaining({ version: 1, createdBy: 'api-key:ci' }),
    ]);
  });

  it('exits 1 when a graph fails to compose, and says the schema was published', async () => {
    const res = await cli(['publish', '--name', 'reviews', '--schema', 'reviews-conflicting.graphql']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✗ cli-graph: composition failed; routers keep config [a-f0-9]{12}…/);
    expect(res.stdout).toMatch(/ {6}- .*Product/);
    expect(res.stderr).toMatch(/published, but 1 graph\(s\) failed to compose/);
    // Put the good schema back for the checks below.
    expect((await cli(['publish', '--name', 'reviews', '--schema', 'reviews.graphql'])).code).toBe(0);
  });

  it('explains setup and usage mistakes', async () => {
    const noKey = await cli(['publish', '--name', 'products', '--schema', 'products.graphql'], null);
    expect(noKey).toMatchObject({ code: 2, stderr: expect.stringMatching(/Set SWITCHYARD_API_KEY/) });
    expect((await cli(['publish', '--schema', 'products.graphql'])).stderr).toMatch(/--name is required/);
    expect((await cli(['publish', '--name', 'products', '--schema', 'missing.graphql'])).stderr).toMatch(
      /Cannot read the schema file missing.graphql: ENOENT/,
    );
    expect((await cli(['publish', '--name', 'Products', '--schema', 'products.graphql'])).stderr).toMatch(
      /--name "Products": Name must start/,
    );
    expect(
      (await cli(['publish', '--name', 'products', '--schema', 'products.graphql', '--bogus'])).code,
    ).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const viewer = await cli(
      ['publish', '--name', 'products', '--schema', 'products-added.graphql'],
      viewerKey,
    );
    expect(viewer).toMatchObject({ code: 1, stderr: expect.stringMatching(/needs the developer role/) });
    const down = await cli(
      ['publish', '--name', 'products', '--schema', 'products.graphql'],
      developerKey,
      'http://127.0.0.1:9',
    );
    expect(down).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Cannot reach the control plane at http:\/\/127.0.0.1:9/),
    });
    const badKey = await cli(
      ['publish', '--name', 'products', '--schema', 'products.graphql'],
      'sy_nothing_x',
    );
    expect(badKey).toMatchObject({ code: 1, stderr: expect.stringMatching(/Invalid API key/) });
  });
});

describe('switchyard subgraph check', () => {
  it('passes a compatible change and lists it', async () => {
    const res = await cli(['check', '--name', 'products', '--schema', 'products-added.graphql'], viewerKey);
    expect(res, res.stderr).toMatchObject({ code: 0 });
    expect(res.stdout).toMatch(/✓ cli-graph/);
    expect(res.stdout).toMatch(/Field 'sku' was added to object type 'Product' \(Product.sku\)/);
    expect(res.stdout).toMatch(/Check passed\./);
  });

  it('fails on a breaking change, with a non-zero exit', async () => {
    const res = await cli(['check', '--name', 'products', '--schema', 'products-breaking.graphql']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(
      /✗ cli-graph\n {2}Breaking changes:\n {4}- Field 'price' was removed from object type 'Product' \(Product.price\)/,
    );
    expect(res.stderr).toMatch(/Check failed/);
  });

  it('fails on composition errors, naming the subgraph', async () => {
    const res = await cli(['check', '--name', 'reviews', '--schema', 'reviews-conflicting.graphql']);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Composition errors:\n {4}- \[(reviews|products)\] /);
  });

  it('publishing nothing: the registry is unchanged by checks', async () => {
    const admin = await ts.admin();
    const versions = await admin.json(
      'GET',
      `/api/v1/orgs/${ORG}/namespaces/default/subgraphs/products/schema/versions`,
    );
    expect(versions.body.versions).toHaveLength(1);
  });

  it('works through the real switchyard binary entry point', async () => {
    const run = promisify(execFile);
    const root = join(import.meta.dirname, '../../..');
    const result = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src/cli/main.ts'),
        'subgraph',
        'check',
        '--name',
        'products',
        '--schema',
        join(dir, 'products-breaking.graphql'),
      ],
      { cwd: root, env: { ...process.env, SWITCHYARD_API_KEY: viewerKey, SWITCHYARD_API_URL: ts.url } },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/Breaking changes:/);
  });
});
