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
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { buildMockPluginDir } from '../src/plugins/mock/build-mock-dir.ts';
import type { RouterConfig } from '../src/shared/router-config.ts';
import { buildProductsPlugin } from './fixtures/products-plugin.ts';
import {
  askProducts,
  cpuUs,
  localPluginBuild,
  pinProcesses,
  pluginPid,
  productsConfig,
  startChild,
  startHttpSubgraph,
  startRouterProcess,
  stopChildren,
} from './fixtures/processes.ts';
import { PRODUCTS_QUERY, PRODUCTS_SDL } from './fixtures/products.ts';
import { fmt, table } from './lib.ts';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 2);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 6);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);

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

    const http = await startHttpSubgraph(children);
    const service = await startChild(children, products.binaryPath, [], 'stderr', { PORT: '0', HOST: '127.0.0.1' });
    const httpConfig = productsConfig({ kind: 'standard', url: http.address, plugin: null, grpc: null });
    const pluginConfig = productsConfig({ kind: 'grpc_plugin', url: null, plugin: localPluginBuild('products'), grpc });
    const serviceConfig = productsConfig({ kind: 'grpc_service', url: service.address, plugin: null, grpc });
    const mockConfig = productsConfig({ kind: 'grpc_plugin', url: null, plugin: localPluginBuild('mock'), grpc: { protoSchema: mock.protoSchema, mapping: mock.mapping } });
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
    pinProcesses(variants.map((v) => v.routerPid), variants.map((v) => v.subgraphPid));

    const expected = JSON.stringify(await askProducts(variants[0]!.routerUrl));
    for (const v of variants.filter((x) => x.name !== variants.at(-1)!.name)) {
      const got = JSON.stringify(await askProducts(v.routerUrl));
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
    await stopChildren(children);
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPluginRouter());
}
