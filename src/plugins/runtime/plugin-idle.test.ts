import { parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSdl, groupAlive, mockPluginDir, waitFor } from '../testing/fixtures.ts';
import { createGrpcExecutor, pluginChannel } from '../transport/executor.ts';
import { liveChildGroups } from './child-registry.ts';
import { PluginManager } from './plugin-manager.ts';
import { PluginProcess } from './plugin-process.ts';

// A plugin idle for idleStopMs loses its process and gets it back on the next call:
// the call waits for the start instead of failing, and nothing is left running.
let plugin: Awaited<ReturnType<typeof mockPluginDir>>;
beforeAll(async () => {
  plugin = await mockPluginDir(catalogSdl);
}, 60_000);
afterAll(() => plugin?.remove());

const query = `{ product(id: "p-1") { id name } }`;
const executorFor = (proc: PluginProcess) =>
  createGrpcExecutor({
    name: 'catalog',
    sdl: plugin.sdl,
    protoSchema: plugin.protoSchema,
    mapping: plugin.mapping,
    channel: pluginChannel(proc),
    deduplicate: false,
  });

describe('idle plugins', () => {
  it('stop after idleStopMs without calls and start again on the next call, failing none', async () => {
    const manager = new PluginManager();
    const lease = manager.acquire({ key: 'catalog@idle', name: 'catalog', pluginDir: plugin.dir, idleStopMs: 300 });
    await lease.ready;
    const proc = lease.process;
    const executor = executorFor(proc);
    try {
      const first = (await executor({ document: parse(query) })) as ExecutionResult;
      expect(first.errors).toBeUndefined();
      const pid = proc.status().pid!;
      expect(groupAlive(pid)).toBe(true);

      await waitFor(() => proc.status().state === 'idle', 5000, 'idle');
      await waitFor(() => !groupAlive(pid), 5000, 'the idle process to exit');
      expect(proc.status().pid).toBeNull();
      expect(liveChildGroups()).not.toContain(pid);

      // Calls arriving together while idle all wait for one new process.
      const answers = (await Promise.all(
        Array.from({ length: 5 }, () => executor({ document: parse(query) })),
      )) as ExecutionResult[];
      for (const a of answers) {
        expect(a.errors).toBeUndefined();
        expect(a.data!['product']).toMatchObject({ id: 'p-1' });
      }
      expect(proc.status().state).toBe('serving');
      expect(proc.status().pid).not.toBe(pid);
      expect(proc.idleStopCount).toBe(1);
      expect(proc.status().restarts).toBe(0); // idling is not a crash
    } finally {
      await executor[Symbol.asyncDispose]();
      const last = proc.status().pid;
      await lease.release();
      if (last) expect(groupAlive(last)).toBe(false);
    }
  }, 30_000);

  it('never stops a plugin in the middle of a call, and stop() while idle leaves nothing behind', async () => {
    const proc = new PluginProcess({ name: 'catalog', pluginDir: plugin.dir, idleStopMs: 200 });
    await proc.start();
    const executor = executorFor(proc);
    try {
      // Calls back to back for longer than idleStopMs keep it serving.
      const until = Date.now() + 700;
      const pid = proc.status().pid;
      while (Date.now() < until) {
        const a = (await executor({ document: parse(query) })) as ExecutionResult;
        expect(a.errors).toBeUndefined();
      }
      expect(proc.status().pid).toBe(pid);
      await waitFor(() => proc.status().state === 'idle', 5000, 'idle');
    } finally {
      await executor[Symbol.asyncDispose]();
      await proc.stop();
    }
    expect(proc.status().state).toBe('stopped');
    await expect(proc.transport(100)).rejects.toThrow(/not serving \(stopped\)/);
  }, 30_000);
});
