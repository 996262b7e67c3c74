import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { silentLogger } from '../src/router/logger.ts';
import { startRouter } from '../src/router/start.ts';
import { median, medianWithInterval, roundOrder, type Interval } from './fixtures/paired-stats.ts';
import {
  cpuUs,
  pinProcesses,
  startDemoGraph,
  startPeerProcess,
  startRouterProcess,
  stopChildren,
} from './fixtures/processes.ts';
import { fmt, summarize, table, time } from './lib.ts';

/**
 * The router and its peers, side by side in one run: each engine in its own process on the
 * same supergraph and the same demo subgraphs (one more process), in interleaved rounds where
 * every target runs once per query in the next permutation. Each target's req/s is reported as
 * a ratio to the stock engine (`createGatewayRuntime` 2.12, JS query planner) per round: the
 * median over rounds with a bootstrap 95% interval.
 */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 8);
const LEG_SECONDS = Number(process.env['BENCH_LEG_SECONDS'] ?? 2);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);

const CROSS_QUERY = '{ topProducts(first: 2) { name reviews { body author { name } } } }';
const SINGLE_QUERY = '{ topProducts(first: 5) { upc name price } }';
const QUERIES = [
  { label: '3 subgraphs', query: CROSS_QUERY },
  { label: 'products only', query: SINGLE_QUERY },
] as const;

type TargetId = 'stock' | 'rust' | 'apollo' | 'switchyard' | 'switchyard-nodedup' | 'direct';
const LABELS: Record<TargetId, string> = {
  stock: 'gateway-runtime 2.12, JS planner (stock)',
  rust: 'gateway-runtime 2.12, Rust planner (router-runtime 1.4)',
  apollo: 'Apollo Gateway 2.14 (Apollo Server 5)',
  switchyard: 'Switchyard router (default: in-flight dedup on)',
  'switchyard-nodedup': 'Switchyard router, SWITCHYARD_ROUTER_DEDUPLICATE=false',
  direct: 'products subgraph, direct',
};

interface Target {
  id: TargetId;
  /** The GraphQL endpoint. */
  endpoint: string;
  pid: number | null;
}
interface Leg {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  cpuUsPerReq: number | null;
}

async function leg(target: Target, query: string, seconds: number): Promise<Leg> {
  const before = cpuUs(target.pid);
  const r = await autocannon({
    url: target.endpoint,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    duration: seconds,
    connections: CONNECTIONS,
  });
  const after = cpuUs(target.pid);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    cpuUsPerReq:
      before !== null && after !== null && r.requests.total ? (after - before) / r.requests.total : null,
  };
}

/** Every target must give the same answer before its speed means anything. */
async function ask(target: Target, query: string): Promise<string> {
  const res = await fetch(target.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  if (res.status !== 200 || body.errors)
    throw new Error(`${LABELS[target.id]} answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return JSON.stringify(body.data);
}

const ratio = (i: Interval) => `${i.median.toFixed(2)}× (${i.low.toFixed(2)} … ${i.high.toFixed(2)})`;

export async function benchRouter(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-router-'));
  const children: Parameters<typeof stopChildren>[0] = [];
  try {
    const demo = await startDemoGraph(children, dir);
    const peer = async (id: TargetId, kind: string): Promise<Target> => ({
      id,
      ...(await startPeerProcess(children, kind, demo.supergraphFile)),
    });
    const switchyard = async (id: TargetId, env: Record<string, string>): Promise<Target> => {
      const { url, pid } = await startRouterProcess(children, dir, id, demo.config, undefined, env);
      return { id, endpoint: `${url}/graphql`, pid };
    };
    const targets: Target[] = [
      await peer('stock', 'stock'),
      await peer('rust', 'rust'),
      await peer('apollo', 'apollo'),
      await switchyard('switchyard', {}),
      await switchyard('switchyard-nodedup', { SWITCHYARD_ROUTER_DEDUPLICATE: 'false' }),
    ];
    const productsUrl = demo.subgraphs.find((s) => s.name === 'products')!.url;
    const direct: Target = { id: 'direct', endpoint: productsUrl, pid: demo.pid };
    const pinned = pinProcesses(
      targets.map((t) => t.pid!),
      [demo.pid],
    );

    const legs = new Map<string, Leg[]>();
    const key = (label: string, id: TargetId) => `${label}/${id}`;
    for (const q of QUERIES) {
      const all = q.label === 'products only' ? [...targets, direct] : targets;
      const expected = await ask(targets[0]!, q.query);
      for (const t of all) {
        if ((await ask(t, q.query)) !== expected)
          throw new Error(`${LABELS[t.id]} answers ${q.label} differently`);
        await leg(t, q.query, 1); // warm-up: JIT, connection pools, plan caches
        legs.set(key(q.label, t.id), []);
      }
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of QUERIES) {
        const all = q.label === 'products only' ? [...targets, direct] : targets;
        for (const t of roundOrder(all, round))
          legs.get(key(q.label, t.id))!.push(await leg(t, q.query, LEG_SECONDS));
      }
    }

    const sections: string[] = [];
    let errors = 0;
    for (const q of QUERIES) {
      const ids = (q.label === 'products only' ? [...targets, direct] : targets).map((t) => t.id);
      const stock = legs.get(key(q.label, 'stock'))!;
      const directLegs = legs.get(key(q.label, 'direct'));
      const rows = ids.map((id) => {
        const l = legs.get(key(q.label, id))!;
        errors += l.reduce((a, x) => a + x.errors, 0);
        const perRound = (other: Leg[]) => medianWithInterval(l.map((x, i) => x.rps / other[i]!.rps));
        const cpu = l.map((x) => x.cpuUsPerReq).filter((x): x is number => x !== null);
        return [
          LABELS[id],
          Math.round(median(l.map((x) => x.rps))),
          ratio(perRound(stock)),
          ...(directLegs
            ? [
                id === 'direct'
                  ? '1.00×'
                  : ratio(medianWithInterval(l.map((x, i) => directLegs[i]!.rps / x.rps))),
              ]
            : []),
          median(l.map((x) => x.p50)),
          median(l.map((x) => x.p99)),
          cpu.length ? Math.round(median(cpu)) : '–',
        ];
      });
      sections.push(
        `#### \`${q.query}\` (${q.label})\n`,
        table(
          [
            'target',
            'req/s (median leg)',
            'req/s ÷ stock (95% interval)',
            ...(directLegs ? ['direct ÷ this'] : []),
            'p50 ms',
            'p99 ms',
            'engine CPU µs/req',
          ],
          rows,
        ),
        '',
      );
    }
    const vsRust = (id: TargetId) => {
      const mine = legs.get(key('3 subgraphs', id))!;
      const rust = legs.get(key('3 subgraphs', 'rust'))!;
      return ratio(medianWithInterval(mine.map((x, i) => x.rps / rust[i]!.rps)));
    };

    // Config swap: build a new gateway for a changed composition and switch to it (in this process).
    const swapRouter = await startRouter({
      source: { kind: 'none' },
      port: 0,
      host: '127.0.0.1',
      dataDir: null,
      logger: silentLogger,
    });
    const swaps: number[] = [];
    try {
      for (let i = 0; i < 20; i++) {
        const config = {
          ...demo.config,
          base: { ...demo.config.base, compositionId: `bench-${i}` },
          builtAt: new Date(i * 1000).toISOString(),
        };
        const { ms, value } = await time(() => swapRouter.router.applyConfig(config));
        if (value.status !== 'applied') throw new Error(`swap ${i} ${value.status}`);
        swaps.push(ms);
      }
    } finally {
      await swapRouter.close();
    }
    const s = summarize(swaps);

    return [
      `### Router and its peers (${ROUNDS} rounds × ${LEG_SECONDS} s legs, ${CONNECTIONS} connections, autocannon)`,
      '',
      `Each engine in its own process${pinned ? ' pinned to core 0 (the demo subgraphs and the load generator on core 1)' : ''}, the same supergraph (composed by \`switchyard compose\`) and the same three demo subgraphs. Each round runs every target once per query, in the next permutation; "÷ stock" is the target's req/s over the stock engine's in the same round, as the median over rounds with a bootstrap 95% interval. Engine CPU is the target process's user + kernel time per request (from /proc). Errors: ${errors}. Load average at the end: ${os.loadavg()[0]!.toFixed(1)}.`,
      '',
      ...sections,
      `Switchyard ÷ the Rust-planner peer on the 3-subgraph query: ${vsRust('switchyard')} with dedup (default), ${vsRust('switchyard-nodedup')} without.`,
      '',
      `Config swap (build the new gateway, then switch), ${s.n} runs: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms.`,
      '',
    ].join('\n');
  } finally {
    await stopChildren(children);
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchRouter());
}
