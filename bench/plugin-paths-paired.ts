/**
 * The three ways to serve a subgraph, through ONE router, as a paired comparison
 * (npx tsx bench/plugin-paths-paired.ts): the plugin over its Unix socket, the same
 * binary as a grpc_service over TCP, and the same schema as an HTTP subgraph (Yoga).
 *
 * Two things larger than some of the differences are taken out (decision 0006):
 *  - process luck: two router processes running the same code differ by up to ±8% from one
 *    start to the next (heap layout, JIT). So ONE router serves all three, as three feature
 *    flags of one graph (X-Feature-Flag: socket | tcp | http), and ONE plugin process answers
 *    on its socket and on TCP (the fixture's BENCH_ALSO_TCP);
 *  - drift: this machine's speed changes by 2× within a minute. So the three take turns in
 *    short legs, each round in the next permutation of the three, each round gives one ratio
 *    per comparison, and the result is the median ratio over rounds with a bootstrap 95%
 *    interval and how many rounds the plugin won.
 *
 * First every request calls the subgraph (SWITCHYARD_ROUTER_DEDUPLICATE=false), at two
 * loads: one connection (each request waits for the last, so req/s is 1 ÷ latency) and ten
 * (throughput, where the router's core is the limit). Then a second router with the
 * default, sharing identical in-flight queries, at ten connections. CPU is split into user
 * and kernel time, because the kernel is where the socket and TCP differ.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildProductsPlugin } from './fixtures/products-plugin.ts';
import {
  askProducts,
  cpuTimes,
  localPluginBuild,
  pinProcesses,
  pluginPid,
  productsConfig,
  startHttpSubgraph,
  startRouterProcess,
  stopChildren,
} from './fixtures/processes.ts';
import { inverted, median, medianWithInterval, pct, roundOrder, withInterval } from './fixtures/paired-stats.ts';
import { PRODUCTS_QUERY } from './fixtures/products.ts';
import { table } from './lib.ts';
import type { RoutedSubgraph } from '../src/shared/router-config.ts';
import { FEATURE_FLAG_HEADER } from '../src/shared/router-config.ts';

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 24);
const LEG_SECONDS = Number(process.env['BENCH_LEG_SECONDS'] ?? 1.5);
const loads = (value: string) => value.split(',').filter(Boolean).map(Number);
const MODES: { shared: boolean; loads: number[] }[] = [
  { shared: false, loads: loads(process.env['BENCH_LOADS'] ?? '1,10') },
  { shared: true, loads: loads(process.env['BENCH_SHARED_LOADS'] ?? '10') },
];

type Way = 'socket' | 'tcp' | 'http';
const WAYS: Way[] = ['socket', 'tcp', 'http'];
const LABEL: Record<Way, string> = {
  socket: 'grpc_plugin, Unix socket',
  tcp: 'grpc_service, TCP h2c (same plugin process)',
  http: 'HTTP subgraph (Yoga, own process)',
};

interface CpuPerRequest {
  user: number;
  system: number;
}

interface Leg {
  rps: number;
  /** µs of CPU per request, by process and mode */
  router: CpuPerRequest;
  subgraph: CpuPerRequest;
  errors: number;
}

/** Router + subgraph CPU per request, µs. */
const cpuPerReq = (l: Leg) => l.router.user + l.router.system + l.subgraph.user + l.subgraph.system;
/** The kernel-mode part of cpuPerReq, where the socket and TCP differ. */
const systemPerReq = (l: Leg) => l.router.system + l.subgraph.system;
const routerPerReq = (l: Leg) => l.router.user + l.router.system;

interface Target {
  url: string;
  routerPid: number;
  subgraphPid: Record<Way, number | null>;
}

async function leg(target: Target, way: Way, connections: number, seconds: number): Promise<Leg> {
  const pid = target.subgraphPid[way];
  const router0 = cpuTimes(target.routerPid);
  const subgraph0 = cpuTimes(pid);
  const r = await autocannon({
    url: `${target.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', [FEATURE_FLAG_HEADER]: way },
    body: JSON.stringify({ query: PRODUCTS_QUERY }),
    connections,
    duration: seconds,
  });
  const n = r.requests.total;
  const perRequest = (before: CpuPerRequest | null, after: CpuPerRequest | null): CpuPerRequest => ({
    user: ((after?.user ?? NaN) - (before?.user ?? NaN)) / n,
    system: ((after?.system ?? NaN) - (before?.system ?? NaN)) / n,
  });
  return {
    rps: n / r.duration,
    router: perRequest(router0, cpuTimes(target.routerPid)),
    subgraph: perRequest(subgraph0, cpuTimes(pid)),
    errors: r.errors + r.non2xx,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

/** One router, three flags (the base graph is the socket plugin), all answering the same data. */
async function startTarget(
  children: ChildProcess[],
  dir: string,
  shared: boolean,
): Promise<{ target: Target; pinned: boolean }> {
  const pluginsDir = path.join(dir, 'plugins');
  const products = await buildProductsPlugin(path.join(pluginsDir, 'products'));
  const grpc = { protoSchema: products.protoSchema, mapping: products.mapping };
  const http = await startHttpSubgraph(children);
  const tcpAddress = `127.0.0.1:${await freePort()}`;
  const reach: Record<Way, Pick<RoutedSubgraph, 'kind' | 'url' | 'plugin' | 'grpc'>> = {
    socket: { kind: 'grpc_plugin', url: null, plugin: localPluginBuild('products'), grpc },
    tcp: { kind: 'grpc_service', url: tcpAddress, plugin: null, grpc },
    http: { kind: 'standard', url: http.address, plugin: null, grpc: null },
  };
  const config = productsConfig(reach.socket);
  config.featureFlags = WAYS.map((way) => ({
    ...config.base,
    name: way,
    compositionId: `${config.base.compositionId}-${way}`,
    subgraphs: config.base.subgraphs.map((s) => ({ ...s, ...reach[way] })),
  }));
  const env = { SWITCHYARD_ROUTER_DEDUPLICATE: String(shared), BENCH_ALSO_TCP: tcpAddress };
  const router = await startRouterProcess(children, dir, 'router', config, pluginsDir, env);
  const plugin = await pluginPid(router.url);
  const target: Target = {
    url: router.url,
    routerPid: router.pid,
    subgraphPid: { socket: plugin, tcp: plugin, http: http.child.pid! },
  };
  return { target, pinned: pinProcesses([router.pid], [plugin, http.child.pid!]) };
}

const COMPARISONS = [
  ['socket', 'http'],
  ['socket', 'tcp'],
] as const;

function report(calls: string, connections: number, legs: Record<Way, Leg[]>) {
  const rows: (string | number)[][] = [];
  const sentences: string[] = [];
  const med = (xs: Leg[], f: (l: Leg) => number) => median(xs.map(f));
  for (const [a, b] of COMPARISONS) {
    const ratios = (f: (l: Leg) => number, lessIsBetter: boolean) =>
      legs[a].map((la, i) => (lessIsBetter ? f(legs[b][i]!) / f(la) : f(la) / f(legs[b][i]!)));
    const rps = ratios((l) => l.rps, false);
    const cpu = ratios(cpuPerReq, true); // > 1: the plugin needs less CPU
    const sys = ratios(systemPerReq, true);
    const [r, c, k] = [medianWithInterval(rps), inverted(medianWithInterval(cpu)), inverted(medianWithInterval(sys))];
    const wins = (xs: number[]) => `${xs.filter((x) => x > 1).length} of ${xs.length}`;
    const pair = (f: (l: Leg) => number) => `${med(legs[a], f).toFixed(0)} / ${med(legs[b], f).toFixed(0)}`;
    rows.push([calls, connections, `plugin vs ${b === 'http' ? 'HTTP subgraph' : 'grpc_service (TCP)'}`, pair((l) => l.rps), withInterval(r), wins(rps), pair(cpuPerReq), withInterval(c), wins(cpu), pair(systemPerReq), withInterval(k)]);
    sentences.push(
      `${pct(r.median)} req/s vs the ${b === 'http' ? 'HTTP subgraph' : 'grpc_service over TCP'} (95% interval ${pct(r.low)} to ${pct(r.high)}, faster in ${wins(rps)} rounds) with ${pct(c.median)} CPU per request (kernel ${pct(k.median)})`,
    );
  }
  const split = WAYS.map((way) => [
    calls,
    connections,
    LABEL[way],
    med(legs[way], (l) => l.rps).toFixed(0),
    connections === 1 ? (1000 / med(legs[way], (l) => l.rps)).toFixed(2) : '–',
    ...[routerPerReq, (l: Leg) => l.router.user, (l: Leg) => l.router.system, (l: Leg) => l.subgraph.user, (l: Leg) => l.subgraph.system].map((f) =>
      med(legs[way], f).toFixed(0),
    ),
  ]);
  const load = `${calls === SHARED ? 'Calls shared' : 'One call each'}, ${connections === 1 ? 'one connection (latency)' : `${connections} connections (throughput)`}`;
  return { rows, split, sentence: `${load}: the plugin served ${sentences.join('; and ')}.` };
}

const SHARED = 'shared (default)';
const UNSHARED = 'one call each';

/** Every leg of one router (one sharing mode), in rounds; its rows for the report. */
async function runMode(dir: string, mode: (typeof MODES)[number]) {
  const children: ChildProcess[] = [];
  await mkdir(dir, { recursive: true });
  try {
    const { target, pinned } = await startTarget(children, dir, mode.shared);
    const expected = JSON.stringify(await askProducts(target.url, { [FEATURE_FLAG_HEADER]: 'socket' }));
    for (const way of WAYS) {
      const got = JSON.stringify(await askProducts(target.url, { [FEATURE_FLAG_HEADER]: way }));
      if (got !== expected) throw new Error(`flag ${way} answers differently: ${got.slice(0, 200)}`);
    }
    for (const way of WAYS) await leg(target, way, 10, 2); // warm-up: JIT, connections, plan caches
    const out = { rows: [] as (string | number)[][], split: [] as (string | number)[][], sentences: [] as string[], errors: 0, pinned };
    for (const connections of mode.loads) {
      const legs: Record<Way, Leg[]> = { socket: [], tcp: [], http: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const way of roundOrder(WAYS, round)) {
          const l = await leg(target, way, connections, LEG_SECONDS);
          out.errors += l.errors;
          legs[way].push(l);
        }
      }
      const r = report(mode.shared ? SHARED : UNSHARED, connections, legs);
      out.rows.push(...r.rows);
      out.split.push(...r.split);
      out.sentences.push(r.sentence);
    }
    return out;
  } finally {
    await stopChildren(children);
  }
}

export async function benchPluginPathsPaired(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-paired-'));
  try {
    const rows: (string | number)[][] = [];
    const split: (string | number)[][] = [];
    const sentences: string[] = [];
    let errors = 0;
    let pinned = false;
    for (const mode of MODES.filter((m) => m.loads.length > 0)) {
      const out = await runMode(path.join(dir, mode.shared ? 'shared' : 'unshared'), mode);
      rows.push(...out.rows);
      split.push(...out.split);
      sentences.push(...out.sentences);
      errors += out.errors;
      pinned = out.pinned;
    }
    return [
      `### The three ways through one router, paired (${ROUNDS} rounds × 3 legs × ${LEG_SECONDS} s)\n`,
      `One router process serves all three as feature flags of one graph; one plugin process answers on its Unix socket and on TCP; the HTTP subgraph is Yoga in its own process. "One call each": every request calls the subgraph (SWITCHYARD_ROUTER_DEDUPLICATE=false); "shared": a second router with the default, where identical queries in flight share one subgraph call. Each round runs the three back to back, in the next permutation; ratios are plugin ÷ other per round, reported as the median over rounds with a bootstrap 95% interval. CPU is router + subgraph, µs per request from /proc${pinned ? '; the router pinned to core 0, the subgraphs and the load generator to core 1' : ''}. Errors: ${errors}.\n`,
      table(
        ['calls', 'connections', 'comparison', 'req/s plugin / other (median leg)', 'plugin req/s vs other (95% interval)', 'rounds plugin faster', 'CPU µs/req plugin / other', 'plugin CPU/req vs other (95% interval)', 'rounds plugin cheaper', 'kernel CPU µs/req plugin / other', 'plugin kernel CPU/req vs other (95% interval)'],
        rows,
      ),
      `\nWhere the CPU goes (µs per request, median leg):\n`,
      table(['calls', 'connections', 'subgraph served as', 'req/s', 'mean latency ms', 'router CPU', 'router user', 'router kernel', 'subgraph user', 'subgraph kernel'], split),
      `\n${sentences.join(' ')} (load average ${os.loadavg()[0]!.toFixed(1)}.)`,
    ].join('\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPluginPathsPaired());
}
