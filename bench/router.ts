import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import autocannon from 'autocannon';
import { composeRouterConfig } from '../src/router/compose/local-config.ts';
import { startDemoSubgraphs } from '../src/control-plane/demo/subgraphs/index.ts';
import { silentLogger } from '../src/router/logger.ts';
import { startRouter } from '../src/router/start.ts';
import { fmt, summarize, table, time } from './lib.ts';

/**
 * Router throughput and latency, side by side in one run: Switchyard's router, a plain
 * createGatewayRuntime on node:http with the same supergraph (the stock @graphql-hive/gateway
 * CLI does not install on Node 20, so this is the same engine without our layer), and the
 * products subgraph called directly.
 */
const DURATION = Number(process.env['BENCH_DURATION'] ?? 5);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);

const PRODUCTS_QUERY = '{ topProducts { upc name price } }';
const CROSS_QUERY = '{ topProducts { name reviews { body author { name } } } }';

async function load(url: string, query: string) {
  const body = JSON.stringify({ query });
  // Warm-up: JIT, connection pools and the engine's plan caches.
  await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duration: 1,
    connections: CONNECTIONS,
  });
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    duration: DURATION,
    connections: CONNECTIONS,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.non2xx,
    total: r.requests.total,
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

export async function benchRouter(): Promise<string> {
  const demo = await startDemoSubgraphs();
  const composed = composeRouterConfig({ subgraphs: demo.subgraphs });
  if (!composed.ok) throw new Error('demo graph does not compose');
  const router = await startRouter({
    source: { kind: 'none' },
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logger: silentLogger,
  });
  await router.router.applyConfig(composed.config);
  const plain = createGatewayRuntime({
    supergraph: composed.config.base.supergraphSdl,
    transports: { http: httpTransport },
    logging: false,
  });
  const plainServer = createServer(plain);
  const plainUrl = await listen(plainServer);
  // The router always bounds subgraph calls (10 s default); the engine's own option does the same.
  const timed = createGatewayRuntime({
    supergraph: composed.config.base.supergraphSdl,
    transports: { http: httpTransport },
    logging: false,
    upstreamTimeout: 10_000,
  });
  const timedServer = createServer(timed);
  const timedUrl = await listen(timedServer);
  const productsUrl = demo.subgraphs.find((s) => s.name === 'products')!.url;

  try {
    const direct = await load(productsUrl, PRODUCTS_QUERY);
    const rows: (string | number)[][] = [];
    const row = (target: string, query: string, r: Awaited<ReturnType<typeof load>>) =>
      rows.push([target, query, Math.round(r.rps), r.p50, r.p99, r.errors, (direct.rps / r.rps).toFixed(2)]);
    row('products subgraph, direct', 'products only', direct);
    for (const [query, label] of [
      [PRODUCTS_QUERY, 'products only'],
      [CROSS_QUERY, '3 subgraphs'],
    ] as const) {
      row('plain gateway-runtime, no timeout', label, await load(plainUrl, query));
      row('plain gateway-runtime, upstreamTimeout 10 s', label, await load(timedUrl, query));
      row('Switchyard router (10 s subgraph timeout)', label, await load(`${router.url}/graphql`, query));
    }

    // Config swap: build a new gateway for a changed composition and switch to it.
    const swaps: number[] = [];
    for (let i = 0; i < 20; i++) {
      const config = {
        ...composed.config,
        base: { ...composed.config.base, compositionId: `bench-${i}` },
        builtAt: new Date(i * 1000).toISOString(),
      };
      const { ms, value } = await time(() => router.router.applyConfig(config));
      if (value.status !== 'applied') throw new Error(`swap ${i} ${value.status}`);
      swaps.push(ms);
    }
    const s = summarize(swaps);

    return [
      `### Router (${DURATION} s per row, ${CONNECTIONS} connections, autocannon)`,
      '',
      table(['target', 'query', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'direct ÷ this'], rows),
      '',
      'The stock `@graphql-hive/gateway` CLI cannot be installed on Node 20, so "plain gateway-runtime" is',
      "the same engine (`createGatewayRuntime` 2.12) on node:http without the router's layer (flags, limits,",
      'metrics, CORS, config swaps). "direct ÷ this" is the overhead ratio against the subgraph called directly.',
      'Any abortable subgraph deadline costs throughput in this engine (each call then combines abort signals);',
      'compare the router with the "upstreamTimeout" row for the cost of the router\'s own layer.',
      '',
      `Config swap (build the new gateway, then switch), ${s.n} runs: p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms.`,
      '',
    ].join('\n');
  } finally {
    await router.close();
    await new Promise<void>((resolve) => {
      plainServer.close(() => resolve());
      plainServer.closeAllConnections();
    });
    await new Promise<void>((resolve) => {
      timedServer.close(() => resolve());
      timedServer.closeAllConnections();
    });
    await plain.dispose();
    await timed.dispose();
    await demo.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchRouter());
}
