/**
 * The Unix-socket plugin against the same server over TCP, through the router, as a paired
 * comparison (npx tsx bench/plugin-socket-vs-tcp.ts).
 *
 * The two differ only in the kernel path of each RPC, which is small next to the router's
 * own per-request work, so two things that swamp it are taken out:
 *  - process luck: two router processes running the same code differ by up to ±8% from one
 *    start to the next (heap layout, JIT). So ONE router serves both ways, as two feature
 *    flags of one graph (X-Feature-Flag: socket | tcp), and ONE plugin process answers on
 *    its socket and on TCP (the fixture's BENCH_ALSO_TCP);
 *  - drift: this machine's speed changes by 2× within a minute. So the two take turns in
 *    short legs (A B, B A, A B …), each pair gives one ratio, and the result is the median
 *    ratio over all pairs with a bootstrap 95% interval and how many pairs each side won.
 *
 * Every request calls the subgraph (SWITCHYARD_ROUTER_DEDUPLICATE=false). Two loads: one
 * connection (each request waits for the last, so latency shows) and ten (throughput).
 * CPU is split into user and kernel time, because the kernel is where the paths differ.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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
  startRouterProcess,
  stopChildren,
} from './fixtures/processes.ts';
import { PRODUCTS_QUERY } from './fixtures/products.ts';
import { table } from './lib.ts';
import { FEATURE_FLAG_HEADER } from '../src/shared/router-config.ts';

const PAIRS = Number(process.env['BENCH_PAIRS'] ?? 24);
const LEG_SECONDS = Number(process.env['BENCH_LEG_SECONDS'] ?? 1.5);
const LOADS = (process.env['BENCH_LOADS'] ?? '1,10').split(',').map(Number);

interface Side {
  name: string;
  url: string;
  /** picks the feature flag that reaches the subgraph this way */
  headers: Record<string, string>;
  routerPid: number;
  subgraphPid: number | null;
}

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

async function leg(side: Side, connections: number, seconds: number): Promise<Leg> {
  const router0 = cpuTimes(side.routerPid);
  const subgraph0 = cpuTimes(side.subgraphPid);
  const r = await autocannon({
    url: `${side.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...side.headers },
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
    router: perRequest(router0, cpuTimes(side.routerPid)),
    subgraph: perRequest(subgraph0, cpuTimes(side.subgraphPid)),
    errors: r.errors + r.non2xx,
  };
}

/** A small seeded PRNG, so the interval is the same for the same samples. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Median of the ratios and a percentile-bootstrap 95% interval of that median. */
export function medianWithInterval(ratios: number[], resamples = 5000): { median: number; low: number; high: number } {
  const random = mulberry32(0x5eed);
  const medians: number[] = [];
  for (let i = 0; i < resamples; i++) {
    medians.push(median(Array.from(ratios, () => ratios[Math.floor(random() * ratios.length)]!)));
  }
  medians.sort((a, b) => a - b);
  return { median: median(ratios), low: medians[Math.floor(resamples * 0.025)]!, high: medians[Math.floor(resamples * 0.975)]! };
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

const pct = (ratio: number) => `${ratio >= 1 ? '+' : '−'}${(Math.abs(ratio - 1) * 100).toFixed(1)}%`;

export async function benchPluginSocketVsTcp(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-socket-tcp-'));
  const children: ChildProcess[] = [];
  try {
    const pluginsDir = path.join(dir, 'plugins');
    const products = await buildProductsPlugin(path.join(pluginsDir, 'products'));
    const grpc = { protoSchema: products.protoSchema, mapping: products.mapping };
    // One router serves both ways as two feature flags of one graph, and the plugin it
    // supervises answers on its socket and (BENCH_ALSO_TCP) on TCP from the same server.
    const tcpAddress = `127.0.0.1:${await freePort()}`;
    const viaSocket = { kind: 'grpc_plugin', url: null, plugin: localPluginBuild('products'), grpc } as const;
    const viaTcp = { kind: 'grpc_service', url: tcpAddress, plugin: null, grpc } as const;
    const config = productsConfig(viaSocket);
    const flag = (name: string, subgraph: typeof viaSocket | typeof viaTcp) => ({
      ...config.base,
      name,
      compositionId: `${config.base.compositionId}-${name}`,
      subgraphs: config.base.subgraphs.map((s) => ({ ...s, ...subgraph })),
    });
    config.featureFlags = [flag('socket', viaSocket), flag('tcp', viaTcp)];
    const env = { SWITCHYARD_ROUTER_DEDUPLICATE: 'false', BENCH_ALSO_TCP: tcpAddress };
    const router = await startRouterProcess(children, dir, 'router', config, pluginsDir, env);
    const pid = await pluginPid(router.url);
    const side = (name: string, flagName: string): Side => ({
      name,
      url: router.url,
      headers: { [FEATURE_FLAG_HEADER]: flagName },
      routerPid: router.pid,
      subgraphPid: pid,
    });
    const plugin = side('grpc_plugin, Unix socket', 'socket');
    const tcp = side('grpc_service, TCP h2c (same process)', 'tcp');
    const pinned = pinProcesses([router.pid], [pid]);

    const expected = JSON.stringify(await askProducts(router.url, plugin.headers));
    if (JSON.stringify(await askProducts(router.url, tcp.headers)) !== expected) throw new Error('the two flags answer differently');
    for (const side of [plugin, tcp]) await leg(side, 10, 2); // warm-up: JIT, connections, plan caches

    const rows: (string | number)[][] = [];
    const split: (string | number)[][] = [];
    const sentences: string[] = [];
    for (const connections of LOADS) {
      const rps: number[] = [];
      const cpu: number[] = [];
      const sys: number[] = [];
      let errors = 0;
      const legs = { plugin: [] as Leg[], tcp: [] as Leg[] };
      for (let i = 0; i < PAIRS; i++) {
        const order = i % 2 === 0 ? (['plugin', 'tcp'] as const) : (['tcp', 'plugin'] as const);
        const got = { plugin: null as Leg | null, tcp: null as Leg | null };
        for (const which of order) got[which] = await leg(which === 'plugin' ? plugin : tcp, connections, LEG_SECONDS);
        legs.plugin.push(got.plugin!);
        legs.tcp.push(got.tcp!);
        errors += got.plugin!.errors + got.tcp!.errors;
        rps.push(got.plugin!.rps / got.tcp!.rps);
        cpu.push(cpuPerReq(got.tcp!) / cpuPerReq(got.plugin!)); // > 1: the plugin needs less CPU
        sys.push(systemPerReq(got.tcp!) / systemPerReq(got.plugin!));
      }
      const r = medianWithInterval(rps);
      const c = medianWithInterval(cpu);
      const k = medianWithInterval(sys);
      const wins = (xs: number[]) => xs.filter((x) => x > 1).length;
      const med = (xs: Leg[], f: (l: Leg) => number) => median(xs.map(f));
      rows.push([
        connections,
        `${med(legs.plugin, (l) => l.rps).toFixed(0)} / ${med(legs.tcp, (l) => l.rps).toFixed(0)}`,
        `${pct(r.median)} (${pct(r.low)} … ${pct(r.high)})`,
        `${wins(rps)} of ${PAIRS}`,
        `${med(legs.plugin, cpuPerReq).toFixed(0)} / ${med(legs.tcp, cpuPerReq).toFixed(0)}`,
        `${pct(1 / c.median)} (${pct(1 / c.high)} … ${pct(1 / c.low)})`,
        `${wins(cpu)} of ${PAIRS}`,
        `${med(legs.plugin, systemPerReq).toFixed(0)} / ${med(legs.tcp, systemPerReq).toFixed(0)}`,
        `${pct(1 / k.median)} (${pct(1 / k.high)} … ${pct(1 / k.low)})`,
        errors,
      ]);
      for (const [name, list] of [[plugin.name, legs.plugin], [tcp.name, legs.tcp]] as const) {
        split.push([
          connections,
          name,
          ...[(l: Leg) => l.router.user, (l: Leg) => l.router.system, (l: Leg) => l.subgraph.user, (l: Leg) => l.subgraph.system].map((f) =>
            med(list, f).toFixed(0),
          ),
        ]);
      }
      sentences.push(
        `${connections === 1 ? 'One connection (latency)' : `${connections} connections (throughput)`}: the plugin served ${pct(r.median)} req/s (95% interval ${pct(r.low)} to ${pct(r.high)}, faster in ${wins(rps)} of ${PAIRS} pairs) with ${pct(1 / c.median)} CPU per request (${pct(1 / c.high)} to ${pct(1 / c.low)}, cheaper in ${wins(cpu)} of ${PAIRS}), of which kernel CPU ${pct(1 / k.median)} (${pct(1 / k.high)} to ${pct(1 / k.low)}).`,
      );
    }
    return [
      `### Plugin over its Unix socket vs the same binary as grpc_service over TCP, paired (${PAIRS} pairs × ${LEG_SECONDS} s legs, ABBA order)\n`,
      `One router process serves both as feature flags and one plugin process answers on its Unix socket and on TCP, so only the kernel path differs; one subgraph call per request. Each pair runs both flags back to back; ratios are plugin ÷ grpc_service per pair, reported as the median over pairs with a bootstrap 95% interval. CPU is router + subgraph, µs per request from /proc${pinned ? '; the router pinned to core 0, the plugin and the load generator to core 1' : ''}.\n`,
      table(
        ['connections', 'req/s plugin / TCP (median leg)', 'plugin req/s vs TCP (95% interval)', 'pairs plugin faster', 'CPU µs/req plugin / TCP', 'plugin CPU/req vs TCP (95% interval)', 'pairs plugin cheaper', 'kernel CPU µs/req plugin / TCP', 'plugin kernel CPU/req vs TCP (95% interval)', 'errors'],
        rows,
      ),
      `\nWhere the CPU goes (µs per request, median leg):\n`,
      table(['connections', 'subgraph served as', 'router user', 'router kernel', 'subgraph user', 'subgraph kernel'], split),
      `\n${sentences.join(' ')} (load average ${os.loadavg()[0]!.toFixed(1)}.)`,
    ].join('\n');
  } finally {
    await stopChildren(children);
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPluginSocketVsTcp());
}
