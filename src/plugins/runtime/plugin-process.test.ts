import { spawn } from 'node:child_process';
import { chmod, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse, type ExecutionResult } from 'graphql';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  catalogSdl,
  countingChannel,
  groupAlive,
  isAlive,
  mockPluginDir,
  startAsGrpcService,
  tempDir,
  waitFor,
} from '../testing/fixtures.ts';
import { createGrpcExecutor, pluginChannel, tcpChannel } from '../transport/executor.ts';
import { sweepStaleSocketDirs } from './launch.ts';
import { memoryLogger } from './logger.ts';
import { registerPluginMetrics } from './metrics.ts';
import { PluginManager } from './plugin-manager.ts';
import { PluginProcess } from './plugin-process.ts';
import type { PluginStatus } from './plugin-status.ts';

// The supervisor against real processes: the generic mock plugin binary built by
// buildMockPluginDir, and shell scripts that break the contract.
let plugin: Awaited<ReturnType<typeof mockPluginDir>>;
let scratch: Awaited<ReturnType<typeof tempDir>>;
const query = `{ product(id: "p-7") { id name price status tags } }`;
const lookup = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { id name } } }`;
const reps = {
  r: [
    { __typename: 'Product', id: 'a' },
    { __typename: 'Product', id: 'b' },
    { __typename: 'Product', id: 'c' },
  ],
};

beforeAll(async () => {
  plugin = await mockPluginDir(catalogSdl, { Product: { $listLength: { tags: 5 } } });
  scratch = await tempDir();
}, 60_000);

afterAll(async () => {
  await plugin?.remove();
  await scratch?.remove();
});

const executorFor = (channel: Parameters<typeof createGrpcExecutor>[0]['channel']) =>
  createGrpcExecutor({
    name: 'catalog',
    sdl: plugin.sdl,
    protoSchema: plugin.protoSchema,
    mapping: plugin.mapping,
    channel,
  });

async function script(name: string, body: string): Promise<string> {
  const file = path.join(scratch.dir, name);
  await writeFile(file, `#!/bin/sh\n${body}\n`);
  await chmod(file, 0o755);
  return file;
}

describe('a plugin started through the go-plugin handshake', () => {
  it('answers a Query RPC and a batched Lookup, and a grpc_service of the same binary answers the same', async () => {
    const logger = memoryLogger();
    const proc = new PluginProcess({ name: 'catalog', pluginDir: plugin.dir, logger });
    await proc.start();
    const status = proc.status();
    expect(status).toMatchObject({ state: 'serving', restarts: 0, lastError: null });
    expect(status.coldStartMs).toBeGreaterThan(0);
    const channel = countingChannel(pluginChannel(proc));
    const executor = executorFor(channel);
    const viaPlugin = (await executor({ document: parse(query) })) as ExecutionResult;
    const entities = (await executor({ document: parse(lookup), variables: reps })) as ExecutionResult;
    expect(viaPlugin.errors).toBeUndefined();
    expect(viaPlugin.data!['product']).toMatchObject({ id: 'p-7' });
    expect((viaPlugin.data!['product'] as { tags: string[] }).tags).toHaveLength(5); // the plugin dir's mocks.json
    expect((entities.data!['_entities'] as { id: string }[]).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(channel.calls).toEqual(['QueryProduct', 'LookupProductById']);
    expect(logger.lines.some((l) => l.message === 'plugin is serving')).toBe(true);

    const service = await startAsGrpcService(plugin.binaryPath);
    try {
      const overTcp = executorFor(tcpChannel(service.address));
      expect(await overTcp({ document: parse(query) })).toEqual(viaPlugin);
      expect(await overTcp({ document: parse(lookup), variables: reps })).toEqual(entities);
      await overTcp[Symbol.asyncDispose]();
    } finally {
      await service.stop();
    }

    const pid = status.pid!;
    await proc.stop();
    expect(proc.status().state).toBe('stopped');
    expect(isAlive(pid)).toBe(false);
    expect(groupAlive(pid)).toBe(false);
  });

  it('restarts a killed plugin with exponential backoff while calls wait for it', async () => {
    const proc = new PluginProcess({
      name: 'catalog',
      pluginDir: plugin.dir,
      backoff: { initialMs: 100, factor: 2 },
    });
    const backoffs: number[] = [];
    proc.on('state', (s: PluginStatus) => {
      if (s.state === 'restarting' && s.backoffMs !== null) backoffs.push(s.backoffMs);
    });
    await proc.start();
    const executor = executorFor(pluginChannel(proc));
    const first = proc.status().pid!;

    process.kill(first, 'SIGKILL');
    // A call made while it restarts waits for it rather than failing.
    await waitFor(() => proc.status().state === 'restarting', 5000, 'restarting');
    const during = (await executor({ document: parse(query) })) as ExecutionResult;
    expect(during.errors).toBeUndefined();
    const second = proc.status().pid!;
    expect(second).not.toBe(first);
    expect(proc.status()).toMatchObject({ state: 'serving', restarts: 1 });
    expect(proc.status().lastExit).toMatchObject({ signal: 'SIGKILL' });

    process.kill(second, 'SIGKILL');
    await waitFor(
      () => proc.status().state === 'serving' && proc.status().pid !== second,
      10_000,
      'second restart',
    );
    expect(proc.status().restarts).toBe(2);
    expect(backoffs).toEqual([100, 200]); // it died again before it was stable: the delay doubled

    const third = proc.status().pid!;
    await proc.stop();
    for (const pid of [first, second, third]) expect(isAlive(pid)).toBe(false);
  });

  it('fails with a clear error when the binary prints no valid handshake', async () => {
    const garbage = await script('garbage.sh', 'echo "oops" >&2\necho "hello, I am not a plugin"\nsleep 30');
    const logger = memoryLogger();
    const proc = new PluginProcess({ name: 'broken', pluginDir: scratch.dir, binaryPath: garbage, logger });
    const error = await proc.start().catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect(error!.message).toMatch(
      /plugin "broken" .* printed an invalid handshake "hello, I am not a plugin"/,
    );
    expect(error!.message).toContain('stdout: "hello, I am not a plugin\\n"');
    expect(proc.status().lastError).toBe(error!.message);
    // The plugin's stderr goes to the host's logs, line by line.
    expect(logger.lines).toContainEqual({
      level: 'info',
      message: 'oops',
      fields: expect.objectContaining({ plugin: 'broken', stream: 'stderr' }),
    });
    await proc.stop();

    const silent = await script('silent.sh', 'echo "starting up" >&2\nsleep 30');
    const quiet = new PluginProcess({
      name: 'silent',
      pluginDir: scratch.dir,
      binaryPath: silent,
      handshakeTimeoutMs: 300,
    });
    await expect(quiet.start()).rejects.toThrow(
      /printed no go-plugin handshake within 300 ms; stdout: "\(nothing\)", stderr: "starting up\\n"/,
    );
    await quiet.stop();

    const missing = new PluginProcess({ name: 'missing', pluginDir: path.join(scratch.dir, 'nope') });
    await expect(missing.start()).rejects.toThrow(/plugin binary not found at .*nope\/bin\/(linux|darwin)_/);
    expect(missing.status().state).toBe('failed');
  });

  it('leaves no process behind when the router is killed with SIGKILL', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
        import('${path.resolve('src/plugins/runtime/plugin-process.ts')}').then(async ({ PluginProcess }) => {
          const p = new PluginProcess({ name: 'orphan-check', pluginDir: ${JSON.stringify(plugin.dir)} });
          await p.start();
          process.stdout.write('pid=' + p.status().pid + '\\n');
          setInterval(() => {}, 1000);
        });`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const pid = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /pid=(\d+)/.exec(out);
        if (m) resolve(Number(m[1]));
      });
      child.once('exit', (code) => reject(new Error(`host exited early (${code}): ${out}`)));
    });
    expect(isAlive(pid)).toBe(true);
    child.kill('SIGKILL');
    await waitFor(() => !isAlive(pid), 5000, 'the orphaned plugin to die');
    // What the killed host left in the temp dir goes with the next router's first start.
    const leftovers = async () =>
      (await readdir(os.tmpdir())).filter((n) => n.startsWith(`swy-plugin-${child.pid}-`));
    expect(await leftovers()).toHaveLength(1);
    await sweepStaleSocketDirs();
    expect(await leftovers()).toEqual([]);
  }, 30_000);
});

describe('PluginManager', () => {
  it('starts a plugin for its first lease and stops it with its last', async () => {
    const manager = new PluginManager();
    const a = manager.acquire({ key: 'catalog@1', name: 'catalog', pluginDir: plugin.dir });
    const b = manager.acquire({ key: 'catalog@1', name: 'catalog', pluginDir: plugin.dir });
    await Promise.all([a.ready, b.ready]);
    expect(a.process).toBe(b.process);
    expect(manager.list()).toMatchObject([{ key: 'catalog@1', state: 'serving', leases: 2 }]);
    const registry = new Registry();
    registerPluginMetrics(registry, manager);
    const text = await registry.metrics();
    expect(text).toContain('switchyard_plugin_up{plugin="catalog",build="catalog@1"} 1');
    expect(text).toContain('switchyard_plugin_state{plugin="catalog",build="catalog@1",state="serving"} 1');
    expect(text).toContain('switchyard_plugin_restarts{plugin="catalog",build="catalog@1"} 0');
    const pid = a.process.status().pid!;
    await a.release();
    await a.release(); // idempotent
    expect(isAlive(pid)).toBe(true);
    await b.release();
    expect(isAlive(pid)).toBe(false);
    expect(manager.list()).toEqual([]);
  });
});
