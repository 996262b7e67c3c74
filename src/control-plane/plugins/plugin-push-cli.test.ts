import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../testing/test-server.ts';
import { runPluginPush } from '../../cli/commands/plugin-push.ts';
import {
  fakeBinary,
  pluginEntries,
  productsPluginSdl,
  sha256,
  startPluginTestServer,
  tarGzOf,
} from './testing/plugin-archives.ts';

let ts: Awaited<ReturnType<typeof startPluginTestServer>>;
let work: string;
let developerKey: string;
let viewerKey: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'switchyard-push-test-'));
  ts = await startPluginTestServer();
  const admin = await ts.admin();
  developerKey = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'ci', role: 'developer' })).body.key as string;
  viewerKey = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'reader', role: 'viewer' })).body.key as string;
});
afterAll(async () => {
  await ts.close();
  await rm(work, { recursive: true, force: true });
});

async function push(args: string[], key: string | null = developerKey) {
  let stdout = '';
  let stderr = '';
  const code = await runPluginPush(args, {
    env: { SWITCHYARD_API_URL: ts.url, ...(key ? { SWITCHYARD_API_KEY: key } : {}) },
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: work,
  });
  return { code, stdout, stderr };
}

async function pluginDir(name: string, opts: { version?: string; binary?: boolean } = {}): Promise<string> {
  const dir = join(work, name);
  await mkdir(join(dir, 'src'), { recursive: true });
  await writeFile(join(dir, 'src', 'schema.graphql'), productsPluginSdl);
  if (opts.binary !== false) {
    await mkdir(join(dir, 'bin'), { recursive: true });
    await writeFile(join(dir, 'bin', 'linux_amd64'), fakeBinary);
    await chmod(join(dir, 'bin', 'linux_amd64'), 0o755);
  }
  if (opts.version) await writeFile(join(dir, 'plugin.json'), JSON.stringify({ name, version: opts.version }));
  // Not part of a build: left out of the archive.
  await writeFile(join(dir, 'README.md'), '# notes');
  await mkdir(join(dir, 'src', 'node_modules', 'dep'), { recursive: true });
  await writeFile(join(dir, 'src', 'node_modules', 'dep', 'index.js'), 'module.exports = 1');
  return dir;
}

async function entriesOf(archive: Buffer): Promise<Map<string, number>> {
  const extract = tar.extract();
  const out = new Map<string, number>();
  const done = (async () => {
    for await (const entry of extract) {
      out.set(entry.header.name, entry.header.mode ?? 0);
      entry.resume();
    }
  })();
  extract.end(gunzipSync(archive));
  await done;
  return out;
}

describe('switchyard plugin push', () => {
  it('packs a directory in Cosmo layout, keeps the executable bit, uploads it and prints version, sha256 and size', async () => {
    const dir = await pluginDir('cli-plugin', { version: '2.0.0' });
    const first = await push([dir, '--name', 'cli-plugin']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Uploaded default/cli-plugin version 2.0.0');
    const sha = /sha256:\s+([a-f0-9]{64})/.exec(first.stdout)?.[1];
    const size = Number(/size:\s+(\d+) bytes/.exec(first.stdout)?.[1]);
    expect(first.stdout).toContain('platforms: linux_amd64');

    const dev = await ts.member('developer');
    const download = await dev.raw('GET', `/api/v1/orgs/${ORG}/namespaces/default/plugins/cli-plugin/builds/2.0.0/download`);
    const archive = Buffer.from(await download.arrayBuffer());
    expect(sha256(archive)).toBe(sha);
    expect(archive.length).toBe(size);
    const entries = await entriesOf(archive);
    expect([...entries.keys()].sort()).toEqual(['bin/', 'bin/linux_amd64', 'plugin.json', 'src/', 'src/schema.graphql']);
    expect(entries.get('bin/linux_amd64')! & 0o777).toBe(0o755);

    // Packing is deterministic, so pushing the same directory again is the same build.
    const again = await push([dir, '--name', 'cli-plugin']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already has this exact build, as version 2.0.0');
    expect(again.stdout).toContain(sha);
  });

  it('uploads a ready .tar.gz as it is, into another namespace only if it exists', async () => {
    const file = join(work, 'ready.tar.gz');
    const archive = await tarGzOf(pluginEntries({ marker: '# ready\n' }));
    await writeFile(file, archive);
    const res = await push(['ready.tar.gz', '--name', 'ready', '--namespace', 'default']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('version v1');
    expect(res.stdout).toContain(sha256(archive));
    expect(res.stdout).toContain(`size:      ${archive.length} bytes`);

    const missing = await push(['ready.tar.gz', '--name', 'ready', '--namespace', 'nowhere']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Push failed (404): Namespace "nowhere" not found');
  });

  it("fails with the server's message and a non-zero exit", async () => {
    const noBinary = await pluginDir('no-binary', { binary: false });
    const rejected = await push([noBinary, '--name', 'no-binary']);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/Push failed \(400\): The archive has no plugin binary/);

    const viewer = await push([await pluginDir('viewer-try'), '--name', 'viewer-try'], viewerKey);
    expect(viewer.code).toBe(1);
    expect(viewer.stderr).toMatch(/Push failed \(403\): This needs the developer role/);
  });

  it('explains usage mistakes with exit code 2', async () => {
    const dir = await pluginDir('usage');
    expect((await push([dir])).stderr).toMatch(/--name is required/);
    expect((await push([dir])).code).toBe(2);
    expect((await push([dir, '--name', 'Bad Name'])).stderr).toMatch(/--name: Name must start/);
    expect((await push(['does-not-exist', '--name', 'x'])).stderr).toMatch(/does-not-exist does not exist/);
    const noKey = await push([dir, '--name', 'usage'], null);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toMatch(/SWITCHYARD_API_KEY/);
  });
});
