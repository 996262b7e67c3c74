import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RoutedSubgraph } from '../../shared/router-config.ts';
import { pluginKey, type PluginLease, type PluginManager } from '../runtime/plugin-manager.ts';
import { CODE_CACHE_DIR_ENV } from '../runtime/platform.ts';
import { createGrpcExecutor, pluginChannel, tcpChannel, type GrpcExecutor } from './executor.ts';

/**
 * The router's transport providers for `grpc_plugin` and `grpc_service` subgraphs
 * (the SubgraphTransportProvider contract of src/router/transports.ts, matched
 * structurally so neither side imports the other).
 *
 *   const transports = createGrpcTransports({ plugins, resolvePluginDir });
 *   createRouter({ ..., transports });   // { grpc_plugin, grpc_service }
 *
 * grpc_plugin: acquire() resolves the build's directory and takes a lease on the
 * plugin (starting it if no other gateway runs it) and waits for it to serve;
 * release() gives the lease back, and the plugin stops with its last lease.
 */
export interface TransportCtx {
  servedBy: string;
  compositionId: string;
  /** share one RPC between identical in-flight query calls (default true) */
  deduplicate?: boolean;
  log?: {
    error(msg: string, fields?: Record<string, unknown>): void;
    warn(msg: string, fields?: Record<string, unknown>): void;
  };
}

export interface GrpcTransportProvider {
  getExecutor(subgraph: RoutedSubgraph, ctx: TransportCtx): Promise<GrpcExecutor>;
  acquire?(subgraph: RoutedSubgraph, ctx: TransportCtx): Promise<void>;
  release?(subgraph: RoutedSubgraph, ctx: TransportCtx): Promise<void>;
}

export interface GrpcTransportsOptions {
  plugins: PluginManager;
  /** the unpacked build directory of a grpc_plugin subgraph (download, verify and unpack happen here) */
  resolvePluginDir(subgraph: RoutedSubgraph): string | Promise<string>;
  /** deadline of each RPC (default 10 s) */
  callTimeoutMs?: number;
  /** how long acquire() waits for a plugin to serve before the gateway serves anyway (default 15 s) */
  warmupTimeoutMs?: number;
  /**
   * Stop a plugin's process after this long without a call (it starts again on the next):
   * `mockMs` for generated mock plugins (plugin.json says `"mock": true`), `uploadedMs`
   * for uploaded builds. 0 or unset: never.
   */
  idleStopMs?: { mockMs?: number; uploadedMs?: number };
  /**
   * Where generated mock plugins keep V8's code cache of their runtime (under the router's
   * data directory), so a start after idling skips compiling it; unset: no cache.
   */
  mockCodeCacheDir?: string | null;
}

/** A generated mock plugin's plugin.json says so; uploaded builds never do. */
async function isMockPlugin(pluginDir: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await readFile(join(pluginDir, 'plugin.json'), 'utf8')) as { mock?: unknown };
    return manifest.mock === true;
  } catch {
    return false;
  }
}

/**
 * What a generated mock's process gets on top of the router's environment (decision 0018):
 * - the code cache directory; only mocks are pointed at it: its files are compiled code that
 *   every mock runs, and an uploaded plugin has no use for it;
 * - no NODE_EXTRA_CA_CERTS: Node 20 loads that file at every start (about 40-60 ms of CPU),
 *   and a mock makes no TLS connections.
 */
export function mockPluginEnv(codeCacheDir: string | null | undefined): Record<string, string | undefined> {
  return { NODE_EXTRA_CA_CERTS: undefined, ...(codeCacheDir ? { [CODE_CACHE_DIR_ENV]: codeCacheDir } : {}) };
}

export class GrpcTransportError extends Error {
  override name = 'GrpcTransportError';
}

export function createGrpcTransports(options: GrpcTransportsOptions): {
  grpc_plugin: GrpcTransportProvider;
  grpc_service: GrpcTransportProvider;
} {
  const leases = new Map<string, PluginLease[]>();
  const leaseKey = (s: RoutedSubgraph, ctx: TransportCtx) =>
    `${ctx.servedBy}\u0000${ctx.compositionId}\u0000${s.name}`;

  const take = async (subgraph: RoutedSubgraph): Promise<PluginLease> => {
    const plugin = subgraph.plugin;
    if (!plugin)
      throw new GrpcTransportError(
        `Subgraph "${subgraph.name}" is a grpc_plugin without a plugin build in the router config`,
      );
    const pluginDir = await options.resolvePluginDir(subgraph);
    const mock = await isMockPlugin(pluginDir);
    const idleStopMs = mock ? options.idleStopMs?.mockMs : options.idleStopMs?.uploadedMs;
    const env = mock ? mockPluginEnv(options.mockCodeCacheDir) : null;
    return options.plugins.acquire({
      key: pluginKey(plugin),
      name: plugin.name,
      pluginDir,
      ...(idleStopMs ? { idleStopMs } : {}),
      ...(env ? { env } : {}),
    });
  };

  const grpcSource = (subgraph: RoutedSubgraph) => {
    if (!subgraph.grpc) {
      throw new GrpcTransportError(
        `Subgraph "${subgraph.name}" has no gRPC mapping (protoSchema, mapping) in the router config`,
      );
    }
    return {
      name: subgraph.name,
      sdl: subgraph.sdl,
      protoSchema: subgraph.grpc.protoSchema,
      mapping: subgraph.grpc.mapping,
    };
  };

  const grpc_plugin: GrpcTransportProvider = {
    async acquire(subgraph, ctx) {
      const lease = await take(subgraph);
      const list = leases.get(leaseKey(subgraph, ctx)) ?? [];
      list.push(lease);
      leases.set(leaseKey(subgraph, ctx), list);
      const timeout = options.warmupTimeoutMs ?? 15_000;
      const outcome = await Promise.race([
        lease.ready.then(
          () => 'ready' as const,
          (err: unknown) => err,
        ),
        new Promise((resolve) => setTimeout(() => resolve('timeout'), timeout).unref()),
      ]);
      // The lease stays held either way: the supervisor keeps retrying, and release() pairs with this acquire.
      if (outcome === 'timeout') {
        ctx.log?.warn('plugin is not serving yet; its fields fail until it does', {
          subgraph: subgraph.name,
        });
      } else if (outcome !== 'ready') {
        ctx.log?.error('plugin failed to start; its fields fail until it recovers', {
          subgraph: subgraph.name,
          error: outcome instanceof Error ? outcome.message : String(outcome),
        });
      }
    },
    async release(subgraph, ctx) {
      const key = leaseKey(subgraph, ctx);
      const list = leases.get(key);
      const lease = list?.pop();
      if (list && list.length === 0) leases.delete(key);
      await lease?.release();
    },
    async getExecutor(subgraph, ctx) {
      const source = grpcSource(subgraph);
      let lease = leases.get(leaseKey(subgraph, ctx))?.at(-1);
      // Without a warm-up (or after a failed one) the executor holds its own lease.
      const own = lease ? null : await take(subgraph);
      lease ??= own!;
      const executor = createGrpcExecutor({
        ...source,
        deduplicate: ctx.deduplicate ?? true,
        channel: { ...pluginChannel(lease.process), close: () => void own?.release() },
        ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
      });
      return executor;
    },
  };

  const grpc_service: GrpcTransportProvider = {
    async getExecutor(subgraph, ctx) {
      const source = grpcSource(subgraph);
      if (!subgraph.url)
        throw new GrpcTransportError(`Subgraph "${subgraph.name}" is a grpc_service without a URL`);
      return createGrpcExecutor({
        ...source,
        deduplicate: ctx.deduplicate ?? true,
        channel: tcpChannel(subgraph.url),
        ...(options.callTimeoutMs ? { callTimeoutMs: options.callTimeoutMs } : {}),
      });
    },
  };

  return { grpc_plugin, grpc_service };
}
