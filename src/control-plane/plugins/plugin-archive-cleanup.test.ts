import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { buildKey } from './storage/plugin-storage.ts';
import {
  buildsPath,
  filesUnder,
  pluginEntries,
  sha256,
  startPluginTestServer,
  tarGzOf,
  uploadBuild,
} from './testing/plugin-archives.ts';

// Archives are stored once per hash and shared by builds; they leave storage only when no
// build of any plugin or namespace points at them any more.
let ts: Awaited<ReturnType<typeof startPluginTestServer>>;
let developer: TestClient;

beforeAll(async () => {
  ts = await startPluginTestServer();
  developer = await ts.member('developer');
});
afterAll(() => ts.close());
const upload = (c: TestClient, body: Buffer, name: string) => uploadBuild(c, body, { name });

describe('plugin archives in storage', () => {
  it('identical archives under two plugins are stored once, and deleting one plugin keeps the shared archive', async () => {
    const archive = await tarGzOf(pluginEntries({ marker: '# shared\n' }));
    expect((await upload(developer, archive, 'shared-a')).status).toBe(201);
    expect((await upload(developer, archive, 'shared-b')).status).toBe(201);
    const key = buildKey(sha256(archive));
    expect((await filesUnder(ts.storageDir)).filter((f) => f === key)).toHaveLength(1);

    const del = await developer.json('DELETE', `/api/v1/orgs/${ORG}/namespaces/default/plugins/shared-a`);
    expect(del.status).toBe(204);
    expect(await filesUnder(ts.storageDir)).toContain(key);
    expect((await developer.json('GET', buildsPath('shared-a'))).status).toBe(404);

    expect((await developer.json('DELETE', `/api/v1/orgs/${ORG}/namespaces/default/plugins/shared-b`)).status).toBe(204);
    expect(await filesUnder(ts.storageDir)).not.toContain(key);
  });

  it('deleting a namespace removes the archives only its plugins used', async () => {
    expect((await developer.json('POST', `/api/v1/orgs/${ORG}/namespaces`, { name: 'scratch' })).status).toBe(201);
    const uploadTo = (namespace: string, name: string, body: Buffer) => uploadBuild(developer, body, { name, namespace });
    const own = await tarGzOf(pluginEntries({ marker: '# scratch only\n' }));
    const shared = await tarGzOf(pluginEntries({ marker: '# scratch and default\n' }));
    expect((await uploadTo('scratch', 'products', own)).status).toBe(201);
    expect((await uploadTo('scratch', 'inventory', shared)).status).toBe(201);
    expect((await uploadTo('default', 'also-shared', shared)).status).toBe(201);
    expect(await filesUnder(ts.storageDir)).toEqual(expect.arrayContaining([buildKey(sha256(own)), buildKey(sha256(shared))]));

    expect((await developer.json('DELETE', `/api/v1/orgs/${ORG}/namespaces/scratch`)).status).toBe(204);
    const left = await filesUnder(ts.storageDir);
    expect(left).not.toContain(buildKey(sha256(own)));
    expect(left).toContain(buildKey(sha256(shared)));
    expect((await developer.json('GET', buildsPath('also-shared'))).status).toBe(200);
  });
});
