import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoutedSubgraph } from '../../shared/router-config.ts';
import { PluginManager } from '../runtime/plugin-manager.ts';
import { catalogSdl, mockPluginDir, tempDir, waitFor } from '../testing/fixtures.ts';
import { createGrpcExecutor, pluginChannel } from '../transport/executor.ts';
import { createGrpcTransports } from '../transport/router-transports.ts';
import { packPluginDir } from '../sdk/pack-plugin-dir.ts';
import { buildMockPluginDir } from './build-mock-dir.ts';
import { MOCK_RUNTIME_FILE } from './runtime-launcher.ts';

// A generated mock's bin/<os>_<arch> launches bin/mock-runtime.cjs with V8's code cache in
// the directory the router gives mocks: the first start writes it, later starts (the
// first request after idling) load it instead of compiling the runtime again.
let plugin: Awaited<ReturnType<typeof mockPluginDir>>;
let scratch: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  [plugin, scratch] = await Promise.all([mockPluginDir(catalogSdl), tempDir('swy-code-cache-')]);
}, 60_000);
// A router started with extra CA certificates (as on this machine) must not pass them to mocks.
const caBefore = process.env['NODE_EXTRA_CA_CERTS'];
beforeAll(() => {
  process.env['NODE_EXTRA_CA_CERTS'] ??= '/etc/ssl/certs/ca-certificates.crt';
});
afterAll(async () => {
  if (caBefore === undefined) delete process.env['NODE_EXTRA_CA_CERTS'];
  await plugin?.remove();
  await scratch?.remove();
});

const subgraph = (name: string, sha: string): RoutedSubgraph =>
  ({
    name: 'catalog',
    kind: 'grpc_plugin',
    url: null,
    sdl: catalogSdl,
    grpc: { protoSchema: plugin.protoSchema, mapping: plugin.mapping },
    plugin: { name, version: '1', sha256: sha.repeat(64), size: 0, downloadPath: '', platforms: [] },
  }) as unknown as RoutedSubgraph;

/** A router's transports over `pluginDir`, recording what each plugin said about its code cache. */
function routerFor(pluginDir: string, cacheDir: string) {
  const loads: unknown[] = [];
  const manager = new PluginManager({
    logger: {
      log: (_level, message, fields) => {
        if (message === 'mock runtime loaded') loads.push(fields?.['code_cache']);
      },
    },
  });
  const transports = createGrpcTransports({ plugins: manager, resolvePluginDir: () => pluginDir, mockCodeCacheDir: cacheDir });
  return { manager, transports, loads };
}

/** The environment variable names of the manager's running plugin (Linux: /proc). */
function pluginEnvNames(manager: PluginManager): string[] | null {
  if (process.platform !== 'linux') return null;
  const pid = manager.list()[0]!.pid!;
  return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').map((kv) => kv.split('=')[0]!);
}

async function ask(manager: PluginManager): Promise<ExecutionResult> {
  const proc = manager.list()[0]!;
  const lease = manager.acquire({ key: proc.key, name: proc.name, pluginDir: proc.pluginDir });
  const executor = createGrpcExecutor({
    name: 'catalog',
    sdl: plugin.sdl,
    protoSchema: plugin.protoSchema,
    mapping: plugin.mapping,
    channel: pluginChannel(lease.process),
    deduplicate: false,
  });
  try {
    return (await executor({ document: parse('{ product(id: "p-1") { id name } }') })) as ExecutionResult;
  } finally {
    await executor[Symbol.asyncDispose]();
    await lease.release();
  }
}

describe('the mock runtime with a code cache', () => {
  it('ships one runtime beside small per-platform launchers', async () => {
    const bin = path.dirname(plugin.binaryPath);
    expect((await readdir(bin)).sort()).toEqual([path.basename(plugin.binaryPath), MOCK_RUNTIME_FILE].sort());
    expect((await stat(plugin.binaryPath)).size).toBeLessThan(4096);
    expect((await stat(path.join(bin, MOCK_RUNTIME_FILE))).size).toBeGreaterThan(100_000);
  });

  it('builds the same archive from the same inputs, launchers and runtime included', async () => {
    const digests: string[] = [];
    for (const name of ['one', 'two']) {
      const dir = path.join(scratch.dir, `same-${name}`);
      await buildMockPluginDir(dir, { sdl: catalogSdl, mocks: { $seed: 's' }, name: 'catalog', platforms: ['linux_amd64', 'darwin_arm64'] });
      await packPluginDir(dir, `${dir}.tar.gz`);
      digests.push(createHash('sha256').update(await readFile(`${dir}.tar.gz`)).digest('hex'));
    }
    expect(digests[0]).toBe(digests[1]);
  });

  it('writes the cache on a first start and loads it on the next, answering both times', async () => {
    const cacheDir = path.join(scratch.dir, 'code-cache');
    const ctx = { servedBy: 'test', compositionId: 'c1' };
    const { manager, transports, loads } = routerFor(plugin.dir, cacheDir);
    try {
      await transports.grpc_plugin.acquire!(subgraph('mock-flag-catalog', 'a'), ctx);
      expect((await ask(manager)).errors).toBeUndefined();
      await waitFor(() => loads.length === 1, 10_000, 'the runtime to load');
      expect(loads).toEqual(['miss']);
      const names = pluginEnvNames(manager);
      if (names) {
        expect(names).toContain('SWITCHYARD_PLUGIN_CODE_CACHE_DIR');
        expect(names).not.toContain('NODE_EXTRA_CA_CERTS'); // a mock makes no TLS calls
      }
      const written = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.v8')) : []);
      await waitFor(() => written().length === 1, 10_000, 'the cache file');
      const files = written();
      await transports.grpc_plugin.release!(subgraph('mock-flag-catalog', 'a'), ctx);

      // Started again (as after idling): it loads the cache and answers.
      await transports.grpc_plugin.acquire!(subgraph('mock-flag-catalog', 'a'), ctx);
      const answer = await ask(manager);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toMatchObject({ product: { id: 'p-1' } });
      await waitFor(() => loads.length === 2, 10_000, 'the second load');
      expect(loads).toEqual(['miss', 'hit']);
      expect(written()).toEqual(files); // nothing rewritten
      await transports.grpc_plugin.release!(subgraph('mock-flag-catalog', 'a'), ctx);
    } finally {
      await manager.stopAll();
    }
  }, 60_000);

  it('gives the cache directory (and drops extra CA certs) for generated mocks only, never for uploaded builds', async () => {
    // The same files, but plugin.json no longer says mock: an uploaded build.
    const uploaded = path.join(scratch.dir, 'uploaded');
    await cp(plugin.dir, uploaded, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(uploaded, 'plugin.json'), 'utf8')) as object;
    await writeFile(path.join(uploaded, 'plugin.json'), JSON.stringify({ ...manifest, mock: false }));
    const cacheDir = path.join(scratch.dir, 'uploaded-cache');
    const ctx = { servedBy: 'test', compositionId: 'c2' };
    const { manager, transports, loads } = routerFor(uploaded, cacheDir);
    try {
      await transports.grpc_plugin.acquire!(subgraph('uploaded', 'b'), ctx);
      expect((await ask(manager)).errors).toBeUndefined();
      await waitFor(() => loads.length === 1, 10_000, 'the runtime to load');
      expect(loads).toEqual(['off']);
      const names = pluginEnvNames(manager);
      if (names) {
        expect(names).not.toContain('SWITCHYARD_PLUGIN_CODE_CACHE_DIR');
        expect(names).toContain('NODE_EXTRA_CA_CERTS'); // an uploaded plugin keeps the router's environment
      }
      await transports.grpc_plugin.release!(subgraph('uploaded', 'b'), ctx);
    } finally {
      await manager.stopAll();
    }
  }, 60_000);
});
