import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ControlPlaneSource } from './config-sources/control-plane.ts';
import { FileSource } from './config-sources/file.ts';
import { ConfigStore } from './config-store.ts';
import { createJsonLogger } from './logger.ts';
import { createRouter, type ApplyResult, type Router, type RouterOptions } from './router.ts';
import { createPluginSupport } from './plugin-support.ts';
import { pushObservedKeys } from './observed-keys-push.ts';

/** A standalone router's state, relative to where it runs; never a folder shared machine-wide. */
export const DEFAULT_ROUTER_DATA_DIR = './.switchyard/router';

export type RouterSource =
  | { kind: 'config-file'; path: string; watch?: boolean }
  | { kind: 'supergraph-file'; path: string; watch?: boolean }
  | {
      kind: 'control-plane';
      apiUrl: string;
      token: string;
      pollIntervalMs?: number;
      initialBackoffMs?: number;
      maxBackoffMs?: number;
      heartbeatTimeoutMs?: number;
    }
  /** Configs arrive only through router.applyConfig(). */
  | { kind: 'none' };

export interface StartRouterOptions extends RouterOptions {
  source: RouterSource;
  /** Default 3002; 0 picks a free port. */
  port?: number;
  host?: string;
  /**
   * The router's state: the last good config and, under plugins/, the builds fetched from the
   * control plane. null keeps nothing on disk (builds then go to a private temporary directory
   * removed on close). Default ./.switchyard/router.
   */
  dataDir?: string | null;
  /** For file sources: plugin builds unpacked as <dir>/<plugin name>. */
  pluginsDir?: string;
  /** Stop plugin processes idle this long (0: never); default: mocks after 5 minutes, uploaded builds never. */
  pluginIdleStopMs?: { mockMs?: number; uploadedMs?: number };
}

export interface RunningRouter {
  /** http://host:port (the GraphQL endpoint is url + "/graphql"). */
  url: string;
  port: number;
  router: Router;
  /** Where plugin builds from the control plane are unpacked; null without a control plane. */
  pluginCacheDir: string | null;
  /** Stops following the config source, stops listening, and disposes the gateways. */
  close(): Promise<void>;
}

/**
 * Starts a router on its own port: serves the disk copy of the last good config at once (when
 * it belongs to this source), then follows the source. The port is open before any config
 * loads, with /readyz answering 503 until one does.
 */
export async function startRouter(options: StartRouterOptions): Promise<RunningRouter> {
  // The engine's HTTP transport hangs one abort listener per in-flight subgraph call on a
  // signal that lives as long as the gateway, so any load above 10 concurrent calls trips
  // Node's leak warning although nothing leaks (the listeners go when the calls end).
  EventEmitter.defaultMaxListeners = Math.max(EventEmitter.defaultMaxListeners, 10_000);
  const log = options.logger ?? createJsonLogger({ fields: { component: 'router' } });
  // Unless the caller brings its own transports, grpc_plugin and grpc_service subgraphs
  // run through the plugin runtime; plugin builds come from the control plane by hash.
  const dataDir = options.dataDir === undefined ? DEFAULT_ROUTER_DATA_DIR : options.dataDir;
  const plugins = options.transports
    ? null
    : await createPluginSupport({
        log,
        dataDir,
        ...(options.source.kind === 'control-plane' ? { controlPlane: { apiUrl: options.source.apiUrl, token: options.source.token } } : {}),
        ...(options.pluginsDir ? { pluginsDir: options.pluginsDir } : {}),
        ...(options.pluginIdleStopMs ? { idleStopMs: options.pluginIdleStopMs } : {}),
      });
  const router = createRouter({
    ...options,
    // Observed keys go only to a control plane (decision 0010): from a file, nobody would read them.
    observeKeys: options.observeKeys !== false && options.source.kind === 'control-plane',
    logger: log,
    ...(plugins ? { transports: plugins.transports } : {}),
  });
  plugins?.attach(router);
  const store = dataDir === null ? null : new ConfigStore(dataDir, log);
  const sourceId = describeSource(options.source);

  const apply = async (raw: unknown, hash: string | undefined, source: string): Promise<ApplyResult> => {
    const result = await router.applyConfig(raw, { hash, source });
    if (result.status === 'applied' && store) await store.save(sourceId, result.hash, raw);
    return result;
  };

  const saved = store ? await store.load(sourceId) : null;
  if (saved) {
    const result = await router.applyConfig(saved.config, { hash: saved.hash, source: 'disk' });
    if (result.status === 'applied')
      log.info('serving the last good config from disk until the source answers', {
        hash: saved.hash,
        savedAt: saved.savedAt,
      });
  }

  let stopSource = async () => {};
  const src = options.source;
  if (src.kind === 'config-file' || src.kind === 'supergraph-file') {
    const file = new FileSource({
      path: src.path,
      format: src.kind === 'config-file' ? 'config' : 'supergraph',
      watch: src.watch ?? true,
      apply: (raw, source) => apply(raw, undefined, source),
      log,
    });
    const first = await file.load();
    if (first.status === 'refused' && !router.current()) {
      await router.close();
      await plugins?.stop();
      throw new Error(`Cannot start the router: ${first.error}`);
    }
    file.startWatching();
    stopSource = async () => file.stop();
  } else if (src.kind === 'control-plane') {
    const cp = new ControlPlaneSource({
      ...src,
      apply: (raw, hash, source) => apply(raw, hash, source),
      currentHash: () => router.current()?.hash ?? null,
      log,
    });
    cp.start();
    // Observed keys go to the control plane that issued the token, as often as configs are polled.
    const keys = router.observedKeys;
    const push = keys
      ? pushObservedKeys({ apiUrl: src.apiUrl, token: src.token, keys, log, intervalMs: src.pollIntervalMs })
      : null;
    stopSource = async () => {
      await push?.stop();
      await cp.stop();
    };
  }

  const server = createServer(router.handle);
  // Keep-alive connections outlive a load balancer's idle timeout (usually 60 s).
  server.keepAliveTimeout = 65_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3002, options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await stopSource();
    await router.close();
    await plugins?.stop();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host =
    !options.host || options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host;
  const url = `http://${host}:${port}`;
  log.info('router listening', { url: `${url}/graphql`, source: src.kind });

  return {
    url,
    port,
    router,
    pluginCacheDir: plugins?.cacheDir ?? null,
    async close() {
      await stopSource();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        // Give in-flight requests a moment, then cut what is left (long-lived streams).
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
      await router.close();
      await plugins?.stop();
    },
  };
}

function describeSource(source: RouterSource): string {
  switch (source.kind) {
    case 'control-plane': {
      // The token names the graph; keep only a fingerprint of it on disk.
      const token = createHash('sha256').update(source.token).digest('hex').slice(0, 16);
      return `control-plane ${new URL(source.apiUrl).origin} token:${token}`;
    }
    case 'config-file':
      return `config-file ${resolve(source.path)}`;
    case 'supergraph-file':
      return `supergraph-file ${resolve(source.path)}`;
    case 'none':
      return 'none';
  }
}
