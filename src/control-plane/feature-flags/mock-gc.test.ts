import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { pluginPaths } from '../../shared/api/plugins.ts';
import { createFlag, fp, getFlag, req, startDemoGraphServer, swap } from './testing/flag-fixtures.ts';

// Mock builds no flag pins any more are garbage-collected: a rebuilt mock, a swap that
// lost a 409 race, a restored mock.
let ts: TestServer;
let admin: TestClient;
beforeAll(async () => {
  ({ ts, admin } = await startDemoGraphServer());
});
afterAll(() => ts.close());

const builds = async (plugin: string) => {
  const res = await admin.json('GET', pluginPaths.builds(ORG, 'default', plugin));
  if (res.status === 404) return null;
  expect(res.status).toBe(200);
  return (res.body as { builds: { version: string }[] }).builds.map((b) => b.version);
};
const pinned = async (flag: string) => (await getFlag(admin, flag)).featureSubgraphs.find((s) => s.subgraph === 'reviews')?.pluginVersion;

describe('mock build garbage collection', () => {
  it('keeps only the build the flag pins when a mock is rebuilt, and none once it is restored', async () => {
    await createFlag(admin, 'demo', 'gc');
    expect((await swap(admin, 'gc', 'reviews', { kind: 'mock', mocks: { $seed: 'a' } }, 1)).status).toBe(200);
    expect((await swap(admin, 'gc', 'reviews', { kind: 'mock', mocks: { $seed: 'b' } }, 2)).status).toBe(200);
    expect(await builds('mock-gc-reviews')).toEqual([await pinned('gc')]);
    const restored = await req(admin, 'DELETE', `${fp.swap('gc', 'reviews')}?expectedVersion=3`);
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(await builds('mock-gc-reviews')).toBeNull();
  }, 60_000);

  it('collects the build of a swap that lost the 409 race', async () => {
    await createFlag(admin, 'demo', 'gc-race');
    // Both pass the version check before building; one records its swap, the other gets 409.
    const [a, b] = await Promise.all([
      swap(admin, 'gc-race', 'reviews', { kind: 'mock', mocks: { $seed: 'one' } }, 1),
      swap(admin, 'gc-race', 'reviews', { kind: 'mock', mocks: { $seed: 'two' } }, 1),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(await builds('mock-gc-race-reviews')).toEqual([await pinned('gc-race')]);
  }, 60_000);
});
