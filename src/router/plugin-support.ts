import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PluginManager } from '../plugins/runtime/plugin-manager.ts';
import { createPluginStore } from '../plugins/runtime/plugin-store.ts';
import { registerPluginMetrics } from '../plugins/runtime/metrics.ts';
import { createGrpcTransports } from '../plugins/transport/router-transports.ts';
import type { RoutedSubgraph } from '../shared/router-config.ts';
import type { RouterLogger } from './logger.ts';
import type { Router } from './router.ts';
import type { TransportProviders } from './transports.ts';

/** How long a generated mock plugin may sit unused before its process is stopped. */
export const DEFAULT_MOCK_IDLE_STOP_MS = 5 * 60_000;

export interface PluginSupport {
  transports: TransportProviders;
  /** Where builds from the control plane are unpacked; null when the router has no control plane. */
  readonly cacheDir: string | null;
  attach(router: Router): void;
  stop(): Promise<void>;
}

/**
 * Plugins for a router: builds are fetched from the control plane by hash (verified and
 * unpacked once), or, for a router running from a file, found under a local plugins
 * directory as <dir>/<plugin name>, as Cosmo's router does.
 */
export async function createPluginSupport(options: {
  log: RouterLogger;
  /** The router's own data directory; builds are unpacked under <dataDir>/plugins. */
  dataDir: string | null;
  controlPlane?: { apiUrl: string; token: string };
  pluginsDir?: string;
  idleStopMs?: { mockMs?: number; uploadedMs?: number };
}): Promise<PluginSupport> {
  const pluginLog = options.log.child({ component: 'plugins' });
  const manager = new PluginManager({
    logger: { log: (level, message, fields) => pluginLog[level](message, fields) },
  });
  const cache = options.controlPlane ? await prepareCacheDir(options.dataDir) : null;
  const store =
    options.controlPlane && cache
      ? createPluginStore({
          dir: cache.dir,
          baseUrl: options.controlPlane.apiUrl,
          routerToken: options.controlPlane.token,
        })
      : null;
  const resolvePluginDir = async (s: RoutedSubgraph): Promise<string> => {
    if (!s.plugin)
      throw new Error(`Subgraph "${s.name}" is a grpc_plugin subgraph but its config names no plugin build`);
    if (store) return store.ensure(s.plugin);
    // A plugin folder named by a Cosmo graph.yaml runs in place; only file-based routers follow file: URLs.
    if (s.plugin.downloadPath.startsWith('file:')) return fileURLToPath(s.plugin.downloadPath);
    if (options.pluginsDir) return resolve(options.pluginsDir, s.plugin.name);
    throw new Error(
      `Subgraph "${s.name}" needs plugin ${s.plugin.name}; run the router with a control plane or set SWITCHYARD_ROUTER_PLUGINS_DIR`,
    );
  };
  return {
    transports: createGrpcTransports({
      plugins: manager,
      resolvePluginDir,
      // A mock nobody queries costs nothing; an uploaded plugin keeps running as its owner expects.
      idleStopMs: { mockMs: DEFAULT_MOCK_IDLE_STOP_MS, uploadedMs: 0, ...options.idleStopMs },
      mockCodeCacheDir: mockCodeCacheDir(cache?.dir ?? null, options.dataDir),
    }),
    cacheDir: cache?.dir ?? null,
    attach(router) {
      registerPluginMetrics(router.metrics.registry, manager);
      router.pluginStatus.list = () =>
        manager.list().map((p) => ({
          name: p.name,
          build: p.key,
          state: p.state,
          pid: p.pid,
          restarts: p.restarts,
          lastError: p.lastError,
          coldStartMs: p.coldStartMs,
          servingSince: p.servingSince,
        }));
    },
    async stop() {
      await manager.stopAll();
      if (cache?.private) await rm(cache.dir, { recursive: true, force: true });
    },
  };
}

/**
 * V8's code cache of the mock runtime, which every mock plugin of a version shares: beside
 * the unpacked builds (so it goes with them), else under the data directory. A router
 * that keeps nothing on disk and has no build directory keeps no cache either.
 */
function mockCodeCacheDir(buildsDir: string | null, dataDir: string | null): string | null {
  if (buildsDir) return join(buildsDir, '.code-cache');
  return dataDir === null ? null : resolve(dataDir, 'plugins', '.code-cache');
}

/**
 * The unpacked builds belong to this router alone: under its data directory, or, for a
 * router that keeps nothing on disk, in a temporary directory of its own that goes with it.
 * A shared folder let two routers on one machine race on the same builds. Whatever an
 * earlier run left (builds the graph may no longer use, half-finished downloads) is removed
 * on start; builds are content-addressed and fetched again by hash when a config names them.
 */
async function prepareCacheDir(dataDir: string | null): Promise<{ dir: string; private: boolean }> {
  if (dataDir === null)
    return { dir: await mkdtemp(join(tmpdir(), 'switchyard-router-plugins-')), private: true };
  const dir = resolve(dataDir, 'plugins');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return { dir, private: false };
}
