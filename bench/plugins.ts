/**
 * Plugin benchmarks (npx tsx bench/plugins.ts):
 *  - cold start: spawn → handshake → health SERVING of the generic mock plugin;
 *  - executor latency of one query answered over the plugin's unix socket vs. the
 *    same binary served as a grpc_service over TCP (h2c), sequential requests.
 * Prints markdown.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { buildMockPluginDir } from '../src/plugins/mock/build-mock-dir.ts';
import { PluginProcess } from '../src/plugins/runtime/plugin-process.ts';
import {
  createGrpcExecutor,
  pluginChannel,
  tcpChannel,
  type GrpcChannel,
} from '../src/plugins/transport/executor.ts';
import { fmt, summarize, table } from './lib.ts';

const sdl = `
type Product @key(fields: "id") { id: ID! name: String! price: Float tags: [String!]! reviews(first: Int): [Review!]! }
type Review { id: ID! body: String rating: Int! }
type Query { product(id: ID!): Product products(limit: Int): [Product!]! }
`;
const query = parse(`{ products(limit: 5) { id name price tags reviews(first: 2) { rating } } }`);
const COLD_RUNS = 10;
const WARMUP = 200;
const ROUNDS = 5;
const PER_ROUND = 400;

/** Cold start and executor latency, unix socket vs TCP, as markdown. */
export async function benchPlugins(): Promise<string> {
  const out: string[] = [];
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-plugins-'));
  try {
    const plugin = await buildMockPluginDir(path.join(scratch, 'plugin'), { sdl, name: 'bench' });

    const cold: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      const proc = new PluginProcess({ name: 'bench', pluginDir: plugin.dir });
      const started = performance.now();
      await proc.start();
      cold.push(performance.now() - started);
      await proc.stop();
    }

    // Both servers are the same binary, started detached (own session, as the supervisor
    // starts plugins) so they are scheduled alike; rounds alternate to spread machine noise.
    const proc = new PluginProcess({ name: 'bench', pluginDir: plugin.dir });
    await proc.start();
    const tcpProcess = spawn(plugin.binaryPath, [], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      detached: true,
    });
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      tcpProcess.stderr!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /listening on (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      tcpProcess.once('exit', (code) => reject(new Error(`grpc_service exited (${code}): ${out}`)));
    });
    const executorFor = (channel: GrpcChannel) =>
      createGrpcExecutor({
        name: 'bench',
        sdl,
        protoSchema: plugin.protoSchema,
        mapping: plugin.mapping,
        channel,
      });
    const targets = [
      { name: 'plugin, unix socket', executor: executorFor(pluginChannel(proc)), samples: [] as number[] },
      { name: 'grpc_service, TCP h2c', executor: executorFor(tcpChannel(address)), samples: [] as number[] },
    ];
    try {
      for (const t of targets) for (let i = 0; i < WARMUP; i++) await t.executor({ document: query });
      for (let round = 0; round < ROUNDS; round++) {
        for (const t of targets) {
          for (let i = 0; i < PER_ROUND; i++) {
            const started = performance.now();
            const result = (await t.executor({ document: query })) as { errors?: unknown[] };
            t.samples.push(performance.now() - started);
            if (result.errors) throw new Error(JSON.stringify(result.errors));
          }
        }
      }
    } finally {
      for (const t of targets) await t.executor[Symbol.asyncDispose]();
      await proc.stop();
      process.kill(-tcpProcess.pid!, 'SIGTERM');
    }
    const [unix, tcp] = targets.map((t) => summarize(t.samples)) as [
      ReturnType<typeof summarize>,
      ReturnType<typeof summarize>,
    ];

    const c = summarize(cold);
    out.push('### Plugins\n');
    out.push(
      table(
        ['plugin cold start (spawn → SERVING)', 'runs', 'p50 ms', 'min ms', 'max ms'],
        [['generic mock plugin', c.n, fmt(c.p50), fmt(c.min), fmt(c.max)]],
      ),
    );
    out.push('');
    out.push(
      table(
        ['executor: one query (1 Query + 1 batched Resolve RPC)', 'requests', 'p50 ms', 'p99 ms', 'mean ms'],
        [
          ['plugin, unix socket', unix.n, fmt(unix.p50), fmt(unix.p99), fmt(unix.mean)],
          ['grpc_service, TCP h2c', tcp.n, fmt(tcp.p50), fmt(tcp.p99), fmt(tcp.mean)],
        ],
      ),
    );
    const diff = (1 - unix.p50 / tcp.p50) * 100;
    out.push(
      `\nUnix socket vs TCP (p50): ${Math.abs(diff).toFixed(0)}% ${diff >= 0 ? 'lower' : 'higher'} over the socket (load average ${os.loadavg()[0]!.toFixed(1)}).`,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchPlugins());
}
