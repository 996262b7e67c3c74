import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import { runFeatureFlag } from '../../cli/commands/feature-flag.ts';
import { conflictingReviewsSdl, createGraph, createRouterToken, productsSdl, publish, reviewsSdl } from '../graphs/testing/fixtures.ts';
import { routerConfig } from './testing/flag-fixtures.ts';

let ts: TestServer;
let dir: string;
let developerKey: string;
let viewerKey: string;
let token: string;
beforeAll(async () => {
  ts = await startTestServer();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-ff-cli-'));
  const admin = await ts.admin();
  const key = async (name: string, role: string) =>
    (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name, role })).body.key as string;
  developerKey = await key('ci', 'developer');
  viewerKey = await key('ci-read', 'viewer');
  await createGraph(admin, 'demo', ['graph=demo']);
  await publish(admin, 'products', productsSdl, { labels: ['graph=demo'] });
  await publish(admin, 'reviews', reviewsSdl, { labels: ['graph=demo'] });
  token = await createRouterToken(admin, 'demo');
  await writeFile(join(dir, 'reviews-mood.graphql'), reviewsSdl.replace('rating: Int!', 'rating: Int!\n    mood: String'));
  await writeFile(join(dir, 'mocks.json'), JSON.stringify({ $listLength: 2, Review: { body: 'Mocked' } }));
  await writeFile(join(dir, 'reviews-conflicting.graphql'), conflictingReviewsSdl);
});
afterAll(async () => {
  await ts.close();
  await rm(dir, { recursive: true, force: true });
});

async function cli(args: string[], key = developerKey) {
  let stdout = '';
  let stderr = '';
  const code = await runFeatureFlag(args, {
    env: { SWITCHYARD_API_URL: ts.url, SWITCHYARD_API_KEY: key },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: dir,
  });
  return { code, stdout, stderr };
}

const flags = async () => (await routerConfig(ts.client(), token)).config.featureFlags;

describe('switchyard feature-flag', () => {
  it('creates, swaps to a mock with a schema file, disables, enables, lists and deletes', async () => {
    const created = await cli(['create', '--graph', 'demo', '--name', 'new-reviews']);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout).toContain('Created feature flag new-reviews from graph demo.');
    expect(created.stdout).toContain('✓ demo: composed');

    const swapped = await cli(['swap', '--name', 'new-reviews', '--subgraph', 'reviews', '--mock', '--schema', 'reviews-mood.graphql', '--mocks', 'mocks.json']);
    expect(swapped.code, swapped.stderr).toBe(0);
    expect(swapped.stdout).toContain('swap: reviews → mock plugin mock-new-reviews-reviews@v1');
    const inConfig = (await flags()).find((f) => f.name === 'new-reviews')!;
    expect(inConfig.subgraphs.find((s) => s.name === 'reviews')!.kind).toBe('grpc_plugin');
    expect(inConfig.supergraphSdl).toContain('mood');

    expect((await cli(['disable', '--name', 'new-reviews'])).code).toBe(0);
    expect((await flags()).map((f) => f.name)).toEqual([]);
    expect((await cli(['enable', '--name', 'new-reviews'])).code).toBe(0);
    expect((await flags()).map((f) => f.name)).toEqual(['new-reviews']);

    const listed = await cli(['list', '--graph', 'demo'], viewerKey);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('new-reviews (enabled, version 4)');

    const deleted = await cli(['delete', '--name', 'new-reviews']);
    expect(deleted.code).toBe(0);
    expect(await flags()).toEqual([]);
  }, 120_000);

  it('exits non-zero with the composition errors, on bad usage and for a viewer', async () => {
    expect((await cli(['create', '--graph', 'demo', '--name', 'broken'])).code).toBe(0);
    const failed = await cli(['swap', '--name', 'broken', '--subgraph', 'reviews', '--url', 'http://x.test/graphql', '--schema', 'reviews-conflicting.graphql']);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('✗ demo: composition failed');
    expect(failed.stdout).toMatch(/- \[reviews\]|- /);
    expect(failed.stderr).toContain('failed to compose');

    const both = await cli(['swap', '--name', 'broken', '--subgraph', 'reviews', '--mock', '--url', 'http://x.test/']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('exactly one of');
    const plugin = await cli(['swap', '--name', 'broken', '--subgraph', 'reviews', '--plugin', 'nope@v1']);
    expect(plugin.code).toBe(1);
    expect(plugin.stderr).toContain('Plugin "nope" has no version v1');
    const viewer = await cli(['create', '--graph', 'demo', '--name', 'x'], viewerKey);
    expect(viewer.code).toBe(1);
    expect((await cli(['create', '--graph', 'demo', '--name', 'Bad'])).code).toBe(2);
  });
});
