import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { canonicalJson, routerConfigSchema, type RouterConfig } from '../shared/router-config.ts';
import type { GatewaySettings } from './gateway.ts';
import { EntityMissLog } from './mock-misses.ts';
import { ObservedKeys } from './observed-keys.ts';
import { compositionKey, GatewayHandle } from './gateway-handle.ts';
import { createGraphQLHttpHandler, type CorsOptions } from './http.ts';
import { defaultLimits, type QueryLimits } from './limits.ts';
import { silentLogger, type RouterLogger } from './logger.ts';
import { createRouterMetrics, type RouterMetrics } from './metrics.ts';
import type { HttpDeps, ServingState } from './serving-state.ts';
import { engineResolver, type PlannerKind, type RustPlannerModule } from './planner.ts';
import { TransportRegistry, type TransportProviders } from './transports.ts';

export const DEFAULT_CORS_ORIGINS = ['http://localhost:3000', 'http://localhost:5173'];

export interface RouterOptions {
  logger?: RouterLogger;
  /** Depth 15, aliases 30, query 64 KB and body 1 MB unless set. */
  limits?: Partial<QueryLimits>;
  /** Per subgraph request; default 10 s. */
  subgraphTimeoutMs?: number;
  /**
   * Identical query requests to one subgraph that are in flight at the same time share one
   * call (HTTP and gRPC alike; never mutations). Default true, as in Hive Gateway and Cosmo.
   */
  deduplicateSubgraphRequests?: boolean;
  /** How long a replaced gateway may keep serving its in-flight requests; default 30 s. */
  drainTimeoutMs?: number;
  /** Origins allowed to call /graphql from a browser; "*" allows any. */
  corsOrigins?: string[];
  /** Transports for grpc_plugin / grpc_service subgraphs (see transports.ts). */
  transports?: TransportProviders;
  metrics?: RouterMetrics;
  /** Query planner: 'rust' (default; falls back to 'js' if its native binary cannot load) or 'js'. */
  planner?: PlannerKind;
  /** For tests: how the Rust planner is loaded (a failing loader exercises the fallback). */
  loadRustPlanner?: () => Promise<RustPlannerModule>;
  /**
   * Mask unexpected errors as "Unexpected error." Default false: a staging router shows why a
   * request failed. Stack traces never leave the router either way.
   */
  maskErrors?: boolean;
  /**
   * Record the entity keys real subgraphs resolve in base-graph traffic (bounded, in
   * memory), which the control plane puts in mock key pools. Default true.
   */
  observeKeys?: boolean;
}

export type ApplyResult =
  | { status: 'applied'; hash: string }
  | { status: 'unchanged'; hash: string }
  | { status: 'refused'; hash: string | null; error: string };

export type { ServingState };

export interface Router {
  /** A node:http request listener; the router does not listen by itself (see startRouter). */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /**
   * Validates and serves a router config (format 1). The base gateway is built fully before
   * the switch; requests already running finish on the gateway they started on. A config that
   * fails to load is refused and the current one keeps serving.
   */
  applyConfig(raw: unknown, options?: { hash?: string; source?: string }): Promise<ApplyResult>;
  /** The config being served, or null before the first one loads. */
  current(): { hash: string; config: RouterConfig } | null;
  readonly transports: TransportRegistry;
  readonly metrics: RouterMetrics;
  readonly log: RouterLogger;
  /** What GET /plugins lists; the plugin runtime sets it when it attaches. */
  readonly pluginStatus: HttpDeps['plugins'];
  /** Entity keys seen in base-graph traffic; null when observeKeys is false. */
  readonly observedKeys: ObservedKeys | null;
  /** Disposes every gateway; in-flight requests are not waited for. */
  close(): Promise<void>;
}

/** sha256 of the config's canonical JSON: the identity the control plane uses too. */
export function hashRouterConfig(raw: unknown): string {
  return createHash('sha256').update(canonicalJson(raw)).digest('hex');
}

export function createRouter(options: RouterOptions = {}): Router {
  const log = options.logger ?? silentLogger;
  const metrics = options.metrics ?? createRouterMetrics();
  const transports = new TransportRegistry(options.transports);
  const drainTimeoutMs = options.drainTimeoutMs ?? 30_000;
  const settings: GatewaySettings = {
    limits: { ...defaultLimits, ...options.limits },
    subgraphTimeoutMs: options.subgraphTimeoutMs ?? 10_000,
    deduplicateSubgraphRequests: options.deduplicateSubgraphRequests ?? true,
    transports,
    log,
    misses: new EntityMissLog(),
    ...(options.observeKeys === false ? {} : { observedKeys: new ObservedKeys() }),
    engine: engineResolver(options.planner ?? 'rust', log, options.loadRustPlanner),
    maskErrors: options.maskErrors ?? false,
  };
  const cors: CorsOptions = { origins: options.corsOrigins ?? DEFAULT_CORS_ORIGINS };

  let state: ServingState | null = null;
  const alive = new Set<GatewayHandle>();
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const newHandle = (servedBy: string, composition: RouterConfig['base']) => {
    const handle = new GatewayHandle(servedBy, composition, settings, (h) => {
      alive.delete(h);
      metrics.setGateways(alive.size);
    });
    alive.add(handle);
    metrics.setGateways(alive.size);
    return handle;
  };

  async function apply(raw: unknown, hashHint: string | undefined, source: string): Promise<ApplyResult> {
    if (closed) return { status: 'refused', hash: hashHint ?? null, error: 'router is closed' };
    const hash = hashHint ?? hashRouterConfig(raw);
    if (state?.hash === hash) return { status: 'unchanged', hash };
    const refuse = (error: string): ApplyResult => {
      log.error('router config refused; the current one keeps serving', {
        source,
        hash,
        error,
        serving: state?.hash ?? null,
      });
      metrics.configRefused();
      return { status: 'refused', hash, error };
    };
    const parsed = routerConfigSchema.safeParse(raw);
    if (!parsed.success) {
      return refuse(
        `not a format-1 router config: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      );
    }
    const config = parsed.data;
    const previous = state;
    const created: GatewayHandle[] = [];
    const reuseOrCreate = (
      servedBy: string,
      composition: RouterConfig['base'],
      old: GatewayHandle | undefined,
    ) => {
      if (old && old.key === compositionKey(composition)) return old;
      const fresh = newHandle(servedBy, composition);
      created.push(fresh);
      return fresh;
    };

    const base = reuseOrCreate('base', config.base, previous?.base);
    try {
      await base.get();
    } catch (err) {
      for (const h of created) void h.dispose();
      return refuse(`the base graph does not load: ${err instanceof Error ? err.message : String(err)}`);
    }
    const flags = new Map<string, GatewayHandle>();
    for (const flag of config.featureFlags) {
      const { name, ...composition } = flag;
      const handle = reuseOrCreate(`flag:${name}`, composition, previous?.flags.get(name));
      flags.set(name, handle);
    }
    if (closed) {
      for (const h of created) void h.dispose();
      return { status: 'refused', hash, error: 'router is closed' };
    }

    state = { config, hash, base, flags };
    const keep = new Set([base, ...flags.values()]);
    for (const old of previous ? [previous.base, ...previous.flags.values()] : []) {
      if (!keep.has(old)) old.retire(drainTimeoutMs);
    }
    // Flags build ahead of their first request; one that does not load answers with its error.
    for (const [name, handle] of flags) {
      if (created.includes(handle))
        handle
          .get()
          .catch((err: unknown) => log.error('feature flag gateway does not load', { flag: name, err }));
    }
    metrics.configApplied({
      hash,
      graph: `${config.graph.namespace}/${config.graph.name}`,
      compositionId: config.base.compositionId,
      builtAt: config.builtAt,
      flags: config.featureFlags.length,
    });
    log.info('router config applied', {
      source,
      hash,
      previous: previous?.hash ?? null,
      graph: `${config.graph.namespace}/${config.graph.name}`,
      compositionId: config.base.compositionId,
      flags: config.featureFlags.map((f) => f.name),
    });
    return { status: 'applied', hash };
  }

  const pluginStatus: HttpDeps['plugins'] = { list: null };
  const handle = createGraphQLHttpHandler({
    getState: () => state,
    metrics,
    limits: settings.limits,
    cors,
    log,
    plugins: pluginStatus,
    misses: settings.misses,
  });

  return {
    handle,
    applyConfig(raw, opts = {}) {
      // One config at a time, in arrival order.
      const result = queue.then(() => apply(raw, opts.hash, opts.source ?? 'api'));
      queue = result.catch(() => undefined);
      return result;
    },
    current: () => (state ? { hash: state.hash, config: state.config } : null),
    transports,
    metrics,
    log,
    pluginStatus,
    observedKeys: settings.observedKeys ?? null,
    async close() {
      closed = true;
      await queue;
      state = null;
      await Promise.all([...alive].map((h) => h.dispose()));
    },
  };
}
