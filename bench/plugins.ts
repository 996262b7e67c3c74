/**
 * Plugin benchmarks (npx tsx bench/plugins.ts):
 *  - cold start: spawn → handshake → health SERVING, for the generic mock plugin and for a
 *    plugin written with the SDK;
 *  - one RPC round trip, sequential, to the same SDK plugin binary: over the plugin's Unix
 *    socket and as a grpc_service over TCP (h2c), with the router's HTTP/2 client and with
 *    @grpc/grpc-js. Rounds alternate the order to spread machine noise over all targets.
 * Prints markdown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { UnaryTransport } from '../src/plugins/grpc/call.ts';
import { createUnaryTransport } from '../src/plugins/grpc/unary-transport.ts';
import { compileSubgraph } from '../src/plugins/mapping/compiled-subgraph.ts';
import { buildMockPluginDir } from '../src/plugins/mock/build-mock-dir.ts';
import { launchPlugin } from '../src/plugins/runtime/launch.ts';
import { silentLogger } from '../src/plugins/runtime/logger.ts';
import { PluginProcess } from '../src/plugins/runtime/plugin-process.ts';
import { startAsGrpcService } from '../src/plugins/testing/fixtures.ts';
import { buildProductsPlugin } from './fixtures/products-plugin.ts';
import { PRODUCTS_SDL } from './fixtures/products.ts';
import { fmt, summarize, table } from './lib.ts';

const COLD_RUNS = 10;
const WARMUP = 500;
const ROUNDS = 10;
const PER_ROUND = 500;

async function coldStarts(pluginDir: string): Promise<number[]> {
  const cold: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const proc = new PluginProcess({ name: 'bench', pluginDir });
    const started = performance.now();
    await proc.start();
    cold.push(performance.now() - started);
    await proc.stop();
  }
  return cold;
}

/** Cold start and RPC round trips, unix socket vs TCP, as markdown. */
export async function benchPlugins(): Promise<string> {
  const out: string[] = [];
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-plugins-'));
  try {
    const mock = await buildMockPluginDir(path.join(scratch, 'mock'), { sdl: PRODUCTS_SDL, name: 'mock' });
    const products = await buildProductsPlugin(path.join(scratch, 'products'));
    const mockCold = summarize(await coldStarts(mock.dir));
    const sdkCold = summarize(await coldStarts(products.dir));

    // Both servers are the same binary, started detached (own session, as the supervisor
    // starts plugins) so they are scheduled alike.
    const plugin = await launchPlugin({
      name: 'products',
      binaryPath: products.binaryPath,
      startupConfig: {},
      handshakeTimeoutMs: 10_000,
      healthTimeoutMs: 10_000,
      logger: silentLogger,
    });
    const service = await startAsGrpcService(products.binaryPath, { detached: true });
    const address = service.address;
    const socket = `unix://${plugin.handshake.address}`;
    const rpc = compileSubgraph({ name: 'products', sdl: PRODUCTS_SDL, ...products }).rpc('QueryProducts');
    const request = rpc.request.encode({ limit: { value: 5 } }).finish();
    const targets: { name: string; transport: UnaryTransport; samples: number[]; cpuUs: number }[] = [
      { name: 'plugin, Unix socket, HTTP/2 client (router default)', transport: plugin.transport, samples: [], cpuUs: 0 },
      { name: 'grpc_service, TCP h2c, HTTP/2 client', transport: createUnaryTransport(address, 'http2'), samples: [], cpuUs: 0 },
      { name: 'plugin, Unix socket, @grpc/grpc-js client', transport: createUnaryTransport(socket, 'grpc-js'), samples: [], cpuUs: 0 },
      { name: 'grpc_service, TCP h2c, @grpc/grpc-js client', transport: createUnaryTransport(address, 'grpc-js'), samples: [], cpuUs: 0 },
    ];
    const once = async (t: (typeof targets)[number]) =>
      rpc.response.decode(await t.transport.call(rpc.path, request, { deadlineMs: 10_000 }));
    try {
      for (const t of targets) for (let i = 0; i < WARMUP; i++) await once(t);
      for (let round = 0; round < ROUNDS; round++) {
        for (let k = 0; k < targets.length; k++) {
          const t = targets[(k + round) % targets.length]!;
          const cpu = process.cpuUsage();
          for (let i = 0; i < PER_ROUND; i++) {
            const started = performance.now();
            await once(t);
            t.samples.push(performance.now() - started);
          }
          const used = process.cpuUsage(cpu);
          t.cpuUs += used.user + used.system;
        }
      }
    } finally {
      for (const t of targets) t.transport.close();
      plugin.child.kill('SIGTERM');
      await plugin.exited;
      await plugin.cleanup();
      await service.stop();
    }
    const stats = targets.map((t) => ({ t, s: summarize(t.samples) }));
    const socketP50 = stats[0]!.s.p50;
    out.push('### Plugins\n');
    out.push(
      table(
        ['plugin cold start (spawn → SERVING)', 'runs', 'p50 ms', 'min ms', 'max ms'],
        [
          ['generic mock plugin', mockCold.n, fmt(mockCold.p50), fmt(mockCold.min), fmt(mockCold.max)],
          ['plugin written with the SDK', sdkCold.n, fmt(sdkCold.p50), fmt(sdkCold.min), fmt(sdkCold.max)],
        ],
      ),
    );
    out.push('');
    out.push(
      table(
        ['one QueryProducts RPC, sequential', 'calls', 'p50 ms', 'p99 ms', 'mean ms', 'p50 vs socket', 'client CPU µs/call'],
        stats.map(({ t, s }) => [
          t.name,
          s.n,
          fmt(s.p50),
          fmt(s.p99),
          fmt(s.mean),
          `${(s.p50 / socketP50).toFixed(2)}×`,
          (t.cpuUs / s.n).toFixed(0),
        ]),
      ),
    );
    const tcp = stats[1]!.s;
    const diff = (1 - socketP50 / tcp.p50) * 100;
    out.push(
      `\nThe Unix socket's round trip (p50) is ${Math.abs(diff).toFixed(0)}% ${diff >= 0 ? 'shorter' : 'longer'} than TCP's with the same client and server (load average ${os.loadavg()[0]!.toFixed(1)}).`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPlugins());
}
