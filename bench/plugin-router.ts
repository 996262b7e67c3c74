/**
 * One schema answered through Switchyard's router three ways, side by side in one run
 * (npx tsx bench/plugin-router.ts):
 *  - an HTTP subgraph (Yoga + @apollo/subgraph) returning exactly the plugin's data;
 *  - a grpc_plugin: the generic mock plugin, supervised by the router, over a Unix socket;
 *  - a grpc_service: the same mock binary on TCP (h2c), started by hand.
 * Each variant has its own router and one bounded autocannon run, one after the other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { composeRouterConfig } from '../src/cli/commands/compose.ts';
import { serveSubgraph, type RunningSubgraph } from '../src/control-plane/demo/subgraphs/serve.ts';
import { buildMockPluginDir, type MockPluginDir } from '../src/plugins/mock/build-mock-dir.ts';
import { goPlatform } from '../src/plugins/runtime/platform.ts';
import { silentLogger } from '../src/router/logger.ts';
import { startRouter, type RunningRouter } from '../src/router/start.ts';
import type { RouterConfig, RoutedSubgraph } from '../src/shared/router-config.ts';
import { fmt, table } from './lib.ts';

const DURATION = Number(process.env['BENCH_DURATION'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 10);

const sdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Product @key(fields: "id") {
    id: ID!
    name: String!
    price: Float
    tags: [String!]!
  }
  type Query {
    products(limit: Int): [Product!]!
  }
`;
const QUERY = '{ products(limit: 5) { id name price tags } }';

interface Variant {
  name: string;
  router: RunningRouter;
}

/** The router config for the one subgraph, served as `subgraph`. */
function configFor(subgraph: Pick<RoutedSubgraph, 'kind' | 'url' | 'plugin' | 'grpc'>): RouterConfig {
  const composed = composeRouterConfig({ subgraphs: [{ name: 'products', url: 'http://placeholder.invalid/graphql', sdl }] });
  if (!composed.ok) throw new Error(`bench schema does not compose: ${composed.errors[0]?.message}`);
  const config = composed.config;
  config.base.subgraphs = config.base.subgraphs.map((s) => ({ ...s, ...subgraph }));
  return config;
}

async function routerFor(
  started: RunningRouter[],
  dir: string,
  name: string,
  config: RouterConfig,
  pluginsDir?: string,
): Promise<RunningRouter> {
  const file = path.join(dir, `${name}.json`);
  await writeFile(file, JSON.stringify(config));
  const router = await startRouter({
    source: { kind: 'config-file', path: file },
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logger: silentLogger,
    ...(pluginsDir ? { pluginsDir } : {}),
  });
  started.push(router);
  return router;
}

async function ask(router: RunningRouter): Promise<unknown> {
  const res = await fetch(`${router.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: unknown[] };
  if (res.status !== 200 || body.errors) throw new Error(`router answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return body.data;
}

async function load(router: RunningRouter) {
  const opts = {
    url: `${router.url}/graphql`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: QUERY }),
    connections: CONNECTIONS,
  };
  // A short warm-up (JIT, connection pools, plan cache), then the measured run.
  await autocannon({ ...opts, amount: 500 });
  const r = await autocannon({ ...opts, duration: DURATION });
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.non2xx };
}

function startGrpcService(plugin: MockPluginDir): Promise<{ child: ChildProcess; address: string }> {
  // Detached: its own process group, as the supervisor starts plugins, so it can be killed whole.
  const child = spawn(plugin.binaryPath, [], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      const m = /listening on (\S+)/.exec(err);
      if (m) resolve({ child, address: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`grpc_service exited (${code}): ${err}`)));
  });
}

/** req/s and latency of one query through the router: HTTP subgraph vs plugin vs grpc_service. */
export async function benchPluginRouter(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-plugin-router-'));
  const variants: Variant[] = [];
  const started: RunningRouter[] = [];
  let http: RunningSubgraph | null = null;
  let service: ChildProcess | null = null;
  try {
    const plugin = await buildMockPluginDir(path.join(dir, 'plugins', 'products'), { sdl, name: 'products' });
    const grpc = { protoSchema: plugin.protoSchema, mapping: plugin.mapping };

    // The plugin first: its answer is what the other two must return too.
    const pluginRouter = await routerFor(
      started,
      dir,
      'plugin',
      configFor({
        kind: 'grpc_plugin',
        url: null,
        plugin: { name: 'products', version: 'bench', sha256: '0'.repeat(64), size: 0, downloadPath: '/unused', platforms: [goPlatform()] },
        grpc,
      }),
      path.join(dir, 'plugins'),
    );
    const expected = await ask(pluginRouter);
    const products = (expected as { products: unknown[] }).products;

    http = await serveSubgraph('products', sdl, { Query: { products: () => products } }, '127.0.0.1', 0);
    variants.push({ name: 'HTTP subgraph (Yoga)', router: await routerFor(started, dir, 'http', configFor({ kind: 'standard', url: http.url, plugin: null, grpc: null })) });
    variants.push({ name: 'grpc_plugin, Unix socket', router: pluginRouter });
    const tcp = await startGrpcService(plugin);
    service = tcp.child;
    variants.push({ name: 'grpc_service, TCP h2c', router: await routerFor(started, dir, 'service', configFor({ kind: 'grpc_service', url: tcp.address, plugin: null, grpc })) });

    for (const v of variants) {
      const got = await ask(v.router);
      if (JSON.stringify(got) !== JSON.stringify(expected)) throw new Error(`${v.name} answers differently: ${JSON.stringify(got).slice(0, 200)}`);
    }
    const results = [];
    for (const v of variants) results.push({ name: v.name, ...(await load(v.router)) });
    const base = results[0]!;
    const rows = results.map((r) => [r.name, r.rps.toFixed(0), fmt(r.p50), fmt(r.p99), r.errors, `${(r.rps / base.rps).toFixed(2)}×`]);
    const plugin_ = results[1]!;
    const service_ = results[2]!;
    const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(0)}%`;
    return [
      `### One query through the router: HTTP subgraph vs plugin vs grpc_service (${DURATION} s each, ${CONNECTIONS} connections, autocannon)\n`,
      `Query: \`${QUERY}\`, the same answer from all three.\n`,
      table(['subgraph served as', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'req/s vs HTTP'], rows),
      `\nThe Unix-socket plugin does ${pct(plugin_.rps, base.rps)} req/s vs the HTTP subgraph and ${pct(plugin_.rps, service_.rps)} vs the grpc_service over TCP (load average ${os.loadavg()[0]!.toFixed(1)}). The mock plugin builds its (seeded) answer on every call while the HTTP subgraph returns the precomputed one, so plugin vs grpc_service is the like-for-like transport comparison. Plugin cold start (spawn → SERVING) is in the Plugins section.`,
    ].join('\n');
  } finally {
    for (const r of started) await r.close();
    await http?.close();
    if (service?.pid && service.exitCode === null) {
      try {
        process.kill(-service.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPluginRouter());
}
