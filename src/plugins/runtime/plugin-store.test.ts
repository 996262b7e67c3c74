import { createHash } from 'node:crypto';
import { constants, existsSync } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPluginDir } from '../sdk/pack-plugin-dir.ts';
import type { PluginBuildRef } from '../../shared/router-config.ts';
import { mockPluginDir, tempDir } from '../testing/fixtures.ts';
import { goPlatform } from './platform.ts';
import { createPluginStore } from './plugin-store.ts';

// Download by hash with the router token, verify, unpack safely, reuse.
const archives = new Map<string, Buffer>();
let requests = 0;
let server: Server;
let baseUrl: string;
let scratch: Awaited<ReturnType<typeof tempDir>>;
let plugin: Awaited<ReturnType<typeof mockPluginDir>>;

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ref = (buffer: Buffer, name = 'catalog'): PluginBuildRef => ({
  name,
  version: '1',
  sha256: sha(buffer),
  size: buffer.length,
  downloadPath: `/api/v1/router/plugins/${sha(buffer)}`,
  platforms: [goPlatform()],
});

type Entry = Partial<tar.Header> & { name: string };

async function craftedArchive(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const e of entries) pack.entry(e, e.type === 'file' ? 'x' : '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

beforeAll(async () => {
  [scratch, plugin] = await Promise.all([tempDir(), mockPluginDir()]);
  server = createServer((req, res) => {
    requests++;
    if (req.headers.authorization !== 'Bearer router-token') return void res.writeHead(401).end();
    const body = archives.get(req.url!.split('/').pop()!);
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/gzip' }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 60_000);

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await scratch.remove();
  await plugin.remove();
});

describe('the router plugin store', () => {
  it('downloads, verifies and unpacks a build once, keeping the binary executable', async () => {
    const file = path.join(scratch.dir, 'catalog.tar.gz');
    await packPluginDir(plugin.dir, file);
    const buffer = await readFile(file);
    archives.set(sha(buffer), buffer);
    const store = createPluginStore({
      dir: path.join(scratch.dir, 'store'),
      baseUrl,
      routerToken: 'router-token',
    });
    requests = 0;
    const [dir, again] = await Promise.all([store.ensure(ref(buffer)), store.ensure(ref(buffer))]);
    expect(dir).toBe(again);
    expect(path.basename(dir)).toBe(sha(buffer));
    await access(path.join(dir, 'bin', goPlatform()), constants.X_OK);
    expect(await readFile(path.join(dir, 'generated', 'service.proto'), 'utf8')).toBe(plugin.protoSchema);
    expect(await store.ensure(ref(buffer))).toBe(dir);
    const second = createPluginStore({
      dir: path.join(scratch.dir, 'store'),
      baseUrl,
      routerToken: 'router-token',
    });
    expect(await second.ensure(ref(buffer))).toBe(dir); // reused from disk by a new router
    expect(requests).toBe(1);
  });

  it('refuses a build whose hash does not match, or a token the server rejects, and keeps nothing', async () => {
    const dir = path.join(scratch.dir, 'store-bad');
    const buffer = await craftedArchive([{ name: 'plugin.json', type: 'file', size: 1 }]);
    archives.set(sha(buffer), buffer);
    const store = createPluginStore({ dir, baseUrl, routerToken: 'router-token' });
    await expect(
      store.ensure({ ...ref(buffer), sha256: 'f'.repeat(64), downloadPath: ref(buffer).downloadPath }),
    ).rejects.toThrow(/failed verification: sha256 [0-9a-f]{64}, expected f{64}/);
    const denied = createPluginStore({ dir, baseUrl, routerToken: 'wrong' });
    await expect(denied.ensure(ref(buffer))).rejects.toThrow(/HTTP 401/);
    expect(existsSync(dir) ? await readdir(dir) : []).toEqual([]);
  });

  it.each([
    ['a path outside the archive', [{ name: '../evil', type: 'file', size: 1 }], /"\.\." is not allowed/],
    ['an absolute path', [{ name: '/etc/evil', type: 'file', size: 1 }], /absolute paths are not allowed/],
    [
      'a symbolic link',
      [{ name: 'bin/link', type: 'symlink', linkname: '/etc/passwd' }],
      /symlink entries are not allowed/,
    ],
    [
      'a device file',
      [{ name: 'dev', type: 'character-device' }],
      /character-device entries are not allowed/,
    ],
  ] as [string, Entry[], RegExp][])('refuses an archive with %s', async (_what, entries, message) => {
    const buffer = await craftedArchive(entries);
    archives.set(sha(buffer), buffer);
    const dir = path.join(scratch.dir, `store-${sha(buffer).slice(0, 8)}`);
    const store = createPluginStore({ dir, baseUrl, routerToken: 'router-token' });
    await expect(store.ensure(ref(buffer))).rejects.toThrow(message);
    expect(await readdir(dir)).toEqual([]);
    expect(existsSync(path.join(scratch.dir, 'evil'))).toBe(false);
  });
});
