import { join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
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
  attach(router: Router): void;
  stop(): Promise<void>;
}

/**
 * Plugins for a router: builds are fetched from the control plane by hash (verified and
 * unpacked once), or, for a router running from a file, found under a local plugins
 * directory as <dir>/<plugin name>, as Cosmo's router does.
 */
export function createPluginSupport(options: {
  log: RouterLogger;
  dataDir: string | null;
  controlPlane?: { apiUrl: string; token: string };
  pluginsDir?: string;
  idleStopMs?: { mockMs?: number; uploadedMs?: number };
}): PluginSupport {
  const manager = new PluginManager({
    logger: { log: (level, message, fields) => options.log[level](message, { component: 'plugins', ...fields }) },
  });
  const unpackDir = join(options.dataDir ?? join(tmpdir(), 'switchyard-router'), 'plugins');
  const store = options.controlPlane
    ? createPluginStore({ dir: unpackDir, baseUrl: options.controlPlane.apiUrl, routerToken: options.controlPlane.token })
    : null;
  const resolvePluginDir = async (s: RoutedSubgraph): Promise<string> => {
    if (!s.plugin) throw new Error(`Subgraph "${s.name}" is a grpc_plugin subgraph but its config names no plugin build`);
    if (store) return store.ensure(s.plugin);
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
    }),
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
    stop: () => manager.stopAll(),
  };
}
