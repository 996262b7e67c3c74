/**
 * Idle mocked flags (npx tsx bench/mock-idle.ts): FLAGS mock plugins (one per mocked
 * flag, as a router runs them) are queried, then left alone until the supervisor stops
 * them for idling. Measures the memory each mocked flag holds while serving and once
 * idle (the plugin process's RSS, plus what the router keeps per plugin), and the first
 * request after idling against a warm one. Prints markdown.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from 'graphql';
import { buildMockPluginDir } from '../src/plugins/mock/build-mock-dir.ts';
import { PluginManager, type PluginLease } from '../src/plugins/runtime/plugin-manager.ts';
import { PluginProcess } from '../src/plugins/runtime/plugin-process.ts';
import { createGrpcExecutor, pluginChannel, type GrpcExecutor } from '../src/plugins/transport/executor.ts';
import { mockPluginEnv } from '../src/plugins/transport/router-transports.ts';
import { reviewsSdl } from '../src/control-plane/demo/subgraphs/reviews.ts';
import { fmt, mb, summarize, table } from './lib.ts';

const FLAGS = 4;
const IDLE_MS = 1000;
const ROUNDS = Number(process.env.BENCH_IDLE_ROUNDS ?? 10);
const query = parse(
  `query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { reviews { body author { id } } } } }`,
);
const variables = { r: [{ __typename: 'Product', upc: '1' }] };

function rssBytes(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return line ? Number(line[1]) * 1024 : NaN;
}

/** A full GC, so heap figures are what is retained (tsx gives no --expose-gc). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchMockIdle(): Promise<string> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-idle-'));
  const manager = new PluginManager();
  const leases: PluginLease[] = [];
  const executors: GrpcExecutor[] = [];
  try {
    const mock = await buildMockPluginDir(path.join(scratch, 'mock'), {
      sdl: reviewsSdl,
      name: 'mock',
      mocks: { User: { id: ['1', '2', '3'] } },
    });
    // What a router gives its mocks: a directory for V8's code cache of the runtime (decision 0018).
    const codeCache = path.join(scratch, 'code-cache');
    const env = mockPluginEnv(codeCache);
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < FLAGS; i++) {
      // Distinct keys: each mocked flag is its own plugin, as in a router config.
      const lease = manager.acquire({ key: `mock-flag${i}-reviews@bench`, name: `mock-flag${i}-reviews`, pluginDir: mock.dir, idleStopMs: IDLE_MS, env });
      leases.push(lease);
      executors.push(
        createGrpcExecutor({ name: 'reviews', sdl: reviewsSdl, protoSchema: mock.protoSchema, mapping: mock.mapping, channel: pluginChannel(lease.process), deduplicate: false }),
      );
    }
    await Promise.all(leases.map((l) => l.ready));
    const ask = (i: number) => executors[i]!({ document: query, variables });
    const serving: number[] = [];
    for (let i = 0; i < FLAGS; i++) {
      await ask(i);
      serving.push(rssBytes(leases[i]!.process.status().pid!));
    }

    // The first start writes the cache (about a second after it); every start after idling reads it.
    const cached = () => existsSync(codeCache) && readdirSync(codeCache).some((f) => f.endsWith('.v8'));
    for (let waited = 0; !cached() && waited < 10_000; waited += 50) await sleep(50);
    const idle = () => leases.every((l) => l.process.status().state === 'idle');
    while (!idle()) await sleep(50);
    collectGarbage();
    const heapIdle = process.memoryUsage().heapUsed;
    const idlePids = leases.map((l) => l.process.status().pid);

    // First request after idling (wake: spawn, handshake, health, then the call) against warm calls.
    const first: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      while (!idle()) await sleep(50);
      const i = round % FLAGS;
      let t = performance.now();
      const answer = (await ask(i)) as { errors?: unknown[] };
      first.push(performance.now() - t);
      if (answer.errors) throw new Error(`the first request after idling failed: ${JSON.stringify(answer.errors)}`);
      for (let k = 0; k < 5; k++) {
        t = performance.now();
        await ask(i);
        warm.push(performance.now() - t);
      }
    }
    // The same plugin started from nothing (what a router start or a new flag costs), for
    // scale: with the router's code cache, and without it (a Cosmo router, or a first start).
    const cold: number[] = [];
    const coldNoCache: number[] = [];
    for (let i = 0; i < 5; i++) {
      for (const [into, procEnv] of [[cold, env], [coldNoCache, mockPluginEnv(null)]] as const) {
        const proc = new PluginProcess({ name: 'bench-cold', pluginDir: mock.dir, env: procEnv });
        const t0 = performance.now();
        await proc.start();
        into.push(performance.now() - t0);
        await proc.stop();
      }
    }
    const c = summarize(cold);
    const n = summarize(coldNoCache);
    const f = summarize(first);
    const w = summarize(warm);
    const perFlagServing = serving.reduce((a, b) => a + b, 0) / FLAGS;
    const perFlagIdleRouter = Math.max(0, heapIdle - heapBefore) / FLAGS;
    return [
      `### Idle mocked flags (${FLAGS} flags, idle after ${IDLE_MS} ms; load average ${os.loadavg()[0]!.toFixed(1)})`,
      '',
      table(
        ['memory per mocked flag', 'plugin process RSS MB', 'router heap MB', 'processes'],
        [
          ['serving', mb(perFlagServing), '–', String(FLAGS)],
          ['idle', '0 (no process)', mb(perFlagIdleRouter), String(idlePids.filter((p) => p !== null).length)],
        ],
      ),
      '',
      table(
        ['request', 'runs', 'p50 ms', 'p99 ms', 'max ms'],
        [
          ['first after idling (plugin started on demand)', f.n, fmt(f.p50), fmt(f.p99), fmt(f.max)],
          ['warm', w.n, fmt(w.p50), fmt(w.p99), fmt(w.max)],
          ['plugin cold start alone (spawn → SERVING), for scale', c.n, fmt(c.p50), fmt(c.p99), fmt(c.max)],
          ['the same without the code cache', n.n, fmt(n.p50), fmt(n.p99), fmt(n.max)],
          ['extra on the first request (p50 / p99)', '', fmt(f.p50 - w.p50), fmt(f.p99 - w.p50), ''],
        ],
      ),
    ].join('\n');
  } finally {
    for (const e of executors) await e[Symbol.asyncDispose]();
    await manager.stopAll();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchMockIdle());
