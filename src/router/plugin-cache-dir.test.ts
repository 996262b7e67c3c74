import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from './logger.ts';
import { startRouter } from './start.ts';

// Where a router unpacks the plugin builds it fetches from the control plane. The control
// plane here is an address nothing listens on: the router starts and keeps retrying, which is
// all these tests need.
const unreachable = { kind: 'control-plane' as const, apiUrl: 'http://127.0.0.1:9', token: 'syr_test', initialBackoffMs: 60_000 };
const start = (dataDir: string | null) =>
  startRouter({ source: unreachable, port: 0, host: '127.0.0.1', dataDir, logger: silentLogger });

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchyard-router-data-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the router's plugin builds", () => {
  it('live under its data directory, and what an earlier run left there is removed on start', async () => {
    const dataDir = join(dir, 'router');
    const stale = join(dataDir, 'plugins', 'a'.repeat(64));
    await mkdir(join(stale, 'bin'), { recursive: true });
    await writeFile(join(stale, '.complete'), 'books 1.0.0\n');
    await writeFile(join(dataDir, 'plugins', `.${'b'.repeat(64)}.123-456.tar.gz`), 'half a download');

    const router = await start(dataDir);
    try {
      expect(router.pluginCacheDir).toBe(resolve(dataDir, 'plugins'));
      expect(await readdir(router.pluginCacheDir!)).toEqual([]);
    } finally {
      await router.close();
    }
  });

  it('without a data directory, go to a temporary directory of its own that goes with it', async () => {
    const [one, two] = await Promise.all([start(null), start(null)]);
    try {
      expect(one.pluginCacheDir).not.toBe(two.pluginCacheDir);
      for (const r of [one, two]) {
        expect(r.pluginCacheDir!.startsWith(tmpdir())).toBe(true);
        expect(existsSync(r.pluginCacheDir!)).toBe(true);
      }
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
    expect(existsSync(one.pluginCacheDir!)).toBe(false);
    expect(existsSync(two.pluginCacheDir!)).toBe(false);
  });

  it('are none of its business when it runs from a file: it has no cache directory', async () => {
    const file = join(dir, 'missing-config.json');
    await expect(
      startRouter({ source: { kind: 'config-file', path: file }, port: 0, dataDir: join(dir, 'file-router'), logger: silentLogger }),
    ).rejects.toThrow(/Cannot start the router/);
    expect(existsSync(join(dir, 'file-router', 'plugins'))).toBe(false);
  });
});
