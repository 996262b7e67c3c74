/**
 * Router variants paired in one run, for measuring a change to the router itself
 * (docs/benchmarks.md, decision 0019): `npx tsx bench/router-paired.ts` with
 *
 *   VARIANTS='[{"id":"before","dist":"bench/.before/node"},{"id":"after"},{"id":"rust","peer":"rust"}]'
 *
 * Each variant is a router process on a dist/ build (`dist`: a copy of dist/node kept inside
 * the project, so that it resolves node_modules; default: dist/node) with its own `env`, or a
 * peer engine (`peer`: stock | rust). All share one demo-subgraph process; each round runs every
 * variant once on the query (Q, default the 3-subgraph query) in the next order. Printed: req/s
 * and CPU per request of each as a ratio to the first variant, per round, as the median with a
 * bootstrap 95% interval. Build dist/ first (`npm run build:node`).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { median, medianWithInterval, roundOrder } from './fixtures/paired-stats.ts';
import {
  cpuUs,
  pinProcesses,
  startDemoGraph,
  startPeerProcess,
  startRouterProcess,
  stopChildren,
} from './fixtures/processes.ts';

interface Variant {
  id: string;
  dist?: string;
  peer?: 'stock' | 'rust';
  env?: Record<string, string>;
}

const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 12);
const LEG_SECONDS = Number(process.env['BENCH_LEG_SECONDS'] ?? 2);
const QUERY = process.env['Q'] ?? '{ topProducts(first: 2) { name reviews { body author { name } } } }';
const variants = JSON.parse(
  process.env['VARIANTS'] ?? '[{"id":"router"},{"id":"rust","peer":"rust"}]',
) as Variant[];
const children: Parameters<typeof stopChildren>[0] = [];
const dir = await mkdtemp(path.join(os.tmpdir(), 'swy-router-paired-'));
try {
  const demo = await startDemoGraph(children, dir);
  const targets: { id: string; url: string; pid: number }[] = [];
  for (const v of variants) {
    if (v.peer) {
      const { endpoint, pid } = await startPeerProcess(children, v.peer, demo.supergraphFile);
      targets.push({ id: v.id, url: endpoint, pid: pid! });
      continue;
    }
    const env = { ...v.env, ...(v.dist ? { SWITCHYARD_BENCH_DIST: path.resolve(v.dist) } : {}) };
    const { url, pid } = await startRouterProcess(children, dir, v.id, demo.config, undefined, env);
    targets.push({ id: v.id, url: `${url}/graphql`, pid });
  }
  pinProcesses(
    targets.map((t) => t.pid),
    [demo.pid],
  );

  const leg = async (t: (typeof targets)[number], seconds: number) => {
    const before = cpuUs(t.pid);
    const r = await autocannon({
      url: t.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: QUERY }),
      duration: seconds,
      connections: 10,
    });
    if (r.errors + r.non2xx) throw new Error(`${t.id}: ${r.errors + r.non2xx} failed requests`);
    return { rps: r.requests.average, cpu: (cpuUs(t.pid)! - before!) / r.requests.total };
  };
  for (const t of targets) await leg(t, 1); // warm-up
  const legs = new Map(targets.map((t) => [t.id, [] as { rps: number; cpu: number }[]]));
  for (let round = 0; round < ROUNDS; round++)
    for (const t of roundOrder(targets, round)) legs.get(t.id)!.push(await leg(t, LEG_SECONDS));

  const base = legs.get(targets[0]!.id)!;
  const fmt = (values: number[]) => {
    const i = medianWithInterval(values);
    return `${i.median.toFixed(2)}× (${i.low.toFixed(2)} … ${i.high.toFixed(2)})`;
  };
  console.log(`| variant | req/s ÷ ${targets[0]!.id} | CPU/req ÷ ${targets[0]!.id} | req/s | CPU µs/req |`);
  console.log('| --- | --- | --- | --- | --- |');
  for (const t of targets) {
    const l = legs.get(t.id)!;
    console.log(
      `| ${t.id} | ${fmt(l.map((x, k) => x.rps / base[k]!.rps))} | ${fmt(l.map((x, k) => x.cpu / base[k]!.cpu))} | ` +
        `${Math.round(median(l.map((x) => x.rps)))} | ${Math.round(median(l.map((x) => x.cpu)))} |`,
    );
  }
} finally {
  await stopChildren(children);
  await rm(dir, { recursive: true, force: true });
}
