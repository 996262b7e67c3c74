/**
 * One schema answered through Switchyard's router, side by side in one run
 * (npx tsx bench/plugin-router.ts):
 *  - an HTTP subgraph (Yoga + @apollo/subgraph) in its own process;
 *  - a grpc_plugin: the same subgraph written with the plugin SDK, started by the router
 *    as a supervised child process and reached over its Unix socket;
 *  - a grpc_service: the very same binary on TCP (h2c), started by hand;
 *  - for reference, the generic mock plugin, which builds (seeded, faker) data on every call.
 * The first three answer from one list, so they differ only in how the router reaches the
 * subgraph. Every router and subgraph runs in its own process, as deployed, so their CPU can
 * be read apart from the load generator's. Variants take turns over several rounds so that
 * machine noise spreads over all of them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { composeRouterConfig } from '../src/cli/commands/compose.ts';
import { buildMockPluginDir } from '../src/plugins/mock/build-mock-dir.ts';
import { goPlatform } from '../src/plugins/runtime/platform.ts';
import type { RouterConfig, RoutedSubgraph } from '../src/shared/router-config.ts';
import { buildProductsPlugin } from './fixtures/products-plugin.ts';
import { PRODUCTS_QUERY, PRODUCTS_SDL } from './fixtures/products.ts';
import { fmt, table } from './lib.ts';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 2);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

type Group = 'shared' | 'unshared' | 'reference';
const groupLabel: Record<Group, string> = { shared: 'shared (default)', unshared: 'one call each', reference: 'one call each' };
type Summary = ReturnType<typeof summary>;

interface Variant {
  name: string;
  group: Group;
  routerUrl: string;
  routerPid: number;
  subgraphPid: number | null;
  rounds: { requests: number; seconds: number; p50: number; p99: number; errors: number; routerCpuUs: number; subgraphCpuUs: number }[];
}

function configFor(subgraph: Pick<RoutedSubgraph, 'kind' | 'url' | 'plugin' | 'grpc'>): RouterConfig {
  const composed = composeRouterConfig({ subgraphs: [{ name: 'products', url: 'http://placeholder.invalid/graphql', sdl: PRODUCTS_SDL }] });
  if (!composed.ok) throw new Error(`bench schema does not compose: ${composed.errors[0]?.message}`);
  const config = composed.config;
  config.base.subgraphs = config.base.subgraphs.map((s) => ({ ...s, ...subgraph }));
  return config;
}

const pluginBuild = (name: string): NonNullable<RoutedSubgraph['plugin']> => ({
  name,
  version: 'bench',
  sha256: '0'.repeat(64),
  size: 0,
  downloadPath: '/unused',
  platforms: [goPlatform()],
});

/** Starts a child in its own process group and waits for "listening <address>" on the given stream. */
function startChild(
  children: ChildProcess[],
  command: string,
  args: string[],
  stream: 'stdout' | 'stderr',
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (c: Buffer) => {
      seen += c.toString();
      const m = /listening (?:on )?(\S+)/.exec(seen);
      if (m) resolve({ child, address: m[1]! });
    };
    child[stream]!.on('data', onData);
    const other = stream === 'stdout' ? child.stderr! : child.stdout!;
    other.on('data', (c: Buffer) => (seen += c.toString()));
    child.once('exit', (code) => reject(new Error(`${path.basename(args.at(-1) ?? command)} exited (${code}): ${seen.slice(-500)}`)));
  });
}

// BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every router and HTTP subgraph process there.
const profile = process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', '--cpu-prof-dir', process.env['BENCH_CPU_PROF']] : [];
const tsxArgs = (script: string, ...rest: string[]) => [...profile, '--import', 'tsx', fixture(script), ...rest];

async function startRouterProcess(
  children: ChildProcess[],
  dir: string,
  name: string,
  config: RouterConfig,
  pluginsDir?: string,
  env: Record<string, string> = {},
) {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(config));
  const args = tsxArgs('router-process.ts', file, ...(pluginsDir ? [pluginsDir] : []));
  const { child, address } = await startChild(children, process.execPath, args, 'stdout', env);
  return { url: address, pid: child.pid! };
}

async function pluginPid(routerUrl: string): Promise<number | null> {
  const res = await fetch(`${routerUrl}/plugins`);
  const body = (await res.json()) as { plugins: { pid: number | null }[] };
  return body.plugins[0]?.pid ?? null;
}

async function ask(routerUrl: string): Promise<unknown> {
  const res = await fetch(`${routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PRODUCTS_QUERY }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (res.status !== 200 || body.errors) throw new Error(`router answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

/**
 * On a machine with two or more cores, routers run on core 0 and everything else (subgraphs,
 * plugins, the load generator) on core 1, so the router is what limits throughput and the
 * scheduler does not move processes between runs (BENCH_PIN=false turns this off).
 */
function pinProcesses(variants: Variant[]): void {
  if (process.env['BENCH_PIN'] === 'false' || os.cpus().length < 2) return;
  const pin = (core: number, pid: number | null) => {
    if (pid) spawnSync('taskset', ['-a', '-p', '-c', String(core), String(pid)], { stdio: 'ignore' });
  };
  pin(1, process.pid);
  for (const v of variants) {
    pin(0, v.routerPid);
    pin(1, v.subgraphPid);
  }
}

/** CPU time (user + system) a process has used so far, in µs; null where /proc is not there. */
function cpuUs(pid: number | null): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

async function load(v: Variant, seconds: number | null) {
  const opts = {
    url: `${v.routerUrl}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: PRODUCTS_QUERY }),
    connections: CONNECTIONS,
  };
  if (seconds === null) {
    await autocannon({ ...opts, duration: 2 }); // warm-up: JIT, connection pools, plan caches
    return;
  }
  const r0 = cpuUs(v.routerPid);
  const s0 = cpuUs(v.subgraphPid);
  const r = await autocannon({ ...opts, duration: seconds });
  const r1 = cpuUs(v.routerPid);
  const s1 = cpuUs(v.subgraphPid);
  v.rounds.push({
    requests: r.requests.total,
    seconds: r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    routerCpuUs: r0 !== null && r1 !== null ? r1 - r0 : NaN,
    subgraphCpuUs: s0 !== null && s1 !== null ? s1 - s0 : NaN,
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function summary(v: Variant) {
  const requests = v.rounds.reduce((a, r) => a + r.requests, 0);
  const seconds = v.rounds.reduce((a, r) => a + r.seconds, 0);
  const perReq = (us: number) => (Number.isFinite(us) && requests ? us / requests : NaN);
  return {
    rps: requests / seconds,
    p50: median(v.rounds.map((r) => r.p50)),
    p99: median(v.rounds.map((r) => r.p99)),
    errors: v.rounds.reduce((a, r) => a + r.errors, 0),
    routerCpu: perReq(v.rounds.reduce((a, r) => a + r.routerCpuUs, 0)),
    subgraphCpu: perReq(v.rounds.reduce((a, r) => a + r.subgraphCpuUs, 0)),
    roundRps: v.rounds.map((r) => r.requests / r.seconds),
  };
}

/** req/s, latency and CPU per request of one query through the router, by how the subgraph is reached. */
export async function benchPluginRouter(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-plugin-router-'));
  const children: ChildProcess[] = [];
  try {
    const pluginsDir = path.join(dir, 'plugins');
    const products = await buildProductsPlugin(path.join(pluginsDir, 'products'));
    const mock = await buildMockPluginDir(path.join(pluginsDir, 'mock'), { sdl: PRODUCTS_SDL, name: 'mock' });
    const grpc = { protoSchema: products.protoSchema, mapping: products.mapping };

    const http = await startChild(children, process.execPath, tsxArgs('http-subgraph.ts'), 'stdout');
    const service = await startChild(children, products.binaryPath, [], 'stderr', { PORT: '0', HOST: '127.0.0.1' });
    const httpConfig = configFor({ kind: 'standard', url: http.address, plugin: null, grpc: null });
    const pluginConfig = configFor({ kind: 'grpc_plugin', url: null, plugin: pluginBuild('products'), grpc });
    const serviceConfig = configFor({ kind: 'grpc_service', url: service.address, plugin: null, grpc });
    const mockConfig = configFor({ kind: 'grpc_plugin', url: null, plugin: pluginBuild('mock'), grpc: { protoSchema: mock.protoSchema, mapping: mock.mapping } });
    const noDedupe = { SWITCHYARD_ROUTER_DEDUPLICATE: 'false' };

    const variants: Variant[] = [];
    const add = async (group: Group, name: string, config: RouterConfig, subgraphPid: number | null, env: Record<string, string> = {}) => {
      const r = await startRouterProcess(children, dir, `${group}-${variants.length}`, config, pluginsDir, env);
      const pid = config.base.subgraphs[0]!.kind === 'grpc_plugin' ? await pluginPid(r.url) : subgraphPid;
      variants.push({ name, group, routerUrl: r.url, routerPid: r.pid, subgraphPid: pid, rounds: [] });
    };
    for (const [group, env] of [['shared', {}], ['unshared', noDedupe]] as const) {
      await add(group, 'HTTP subgraph (Yoga)', httpConfig, http.child.pid!, env);
      await add(group, 'grpc_plugin, Unix socket', pluginConfig, null, env);
      await add(group, 'grpc_service, TCP h2c', serviceConfig, service.child.pid!, env);
    }
    await add('reference', 'grpc_plugin, Unix socket, @grpc/grpc-js client', pluginConfig, null, { ...noDedupe, SWITCHYARD_GRPC_CLIENT: 'grpc-js' });
    await add('reference', 'mock plugin (data built per call), Unix socket', mockConfig, null, noDedupe);
    pinProcesses(variants);

    const expected = JSON.stringify(await ask(variants[0]!.routerUrl));
    for (const v of variants.filter((x) => x.name !== variants.at(-1)!.name)) {
      const got = JSON.stringify(await ask(v.routerUrl));
      if (got !== expected) throw new Error(`${v.name} answers differently: ${got.slice(0, 200)}`);
    }
    for (const v of variants) await load(v, null);
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < variants.length; i++) await load(variants[(i + round) % variants.length]!, DURATION);
    }

    const results = variants.map((v) => ({ v, s: summary(v) }));
    const httpOf = (group: Group) => results.find((r) => r.v.group === (group === 'reference' ? 'unshared' : group))!.s;
    const us = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
    const rows = results.map(({ v, s }) => [
      groupLabel[v.group],
      v.name,
      s.rps.toFixed(0),
      `${(s.rps / httpOf(v.group).rps).toFixed(2)}×`,
      fmt(s.p50),
      fmt(s.p99),
      us(s.routerCpu),
      us(s.subgraphCpu),
      us(s.routerCpu + s.subgraphCpu),
      s.errors,
    ]);
    const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(0)}%`;
    const sentence = (group: Group) => {
      const [h, p, t] = results.filter((r) => r.v.group === group).map((r) => r.s) as [Summary, Summary, Summary];
      return `${groupLabel[group]}: the Unix-socket plugin serves ${pct(p.rps, h.rps)} req/s vs the HTTP subgraph and ${pct(p.rps, t.rps)} vs the grpc_service over TCP; p50 ${fmt(p.p50)} ms vs ${fmt(h.p50)} and ${fmt(t.p50)} ms; router + subgraph CPU ${us(p.routerCpu + p.subgraphCpu)} µs per request vs ${us(h.routerCpu + h.subgraphCpu)} and ${us(t.routerCpu + t.subgraphCpu)}.`;
    };
    return [
      `### One query through the router: HTTP subgraph vs plugin vs grpc_service (${ROUNDS} rounds × ${DURATION} s each, ${CONNECTIONS} connections, autocannon)\n`,
      `Query: \`${PRODUCTS_QUERY}\`; all but the mock plugin answer from the same list (checked). Every router and subgraph is its own process; CPU is µs per request read from /proc. "Shared" is the default router: identical queries in flight at once share one subgraph call (Hive Gateway's HTTP executor does this, and Switchyard's gRPC transport does the same); "one call each" turns that off (SWITCHYARD_ROUTER_DEDUPLICATE=false), so every request reaches the subgraph.\n`,
      table(['calls', 'subgraph served as', 'req/s', 'vs HTTP', 'p50 ms', 'p99 ms', 'router CPU µs/req', 'subgraph CPU µs/req', 'total CPU µs/req', 'errors'], rows),
      `\nPer round req/s: ${results.map(({ v, s }) => `${v.name.split(',')[0]} (${groupLabel[v.group]}) ${s.roundRps.map((x) => x.toFixed(0)).join('/')}`).join('; ')}.`,
      `\n${sentence('shared')}\n\n${sentence('unshared')} (load average ${os.loadavg()[0]!.toFixed(1)}.) Plugin cold start (spawn → SERVING) is in the Plugins section.`,
    ].join('\n');
  } finally {
    for (const child of children.reverse()) {
      if (child.pid && child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPluginRouter());
}
