import type { GatewayPlugin, UnifiedGraphHandler } from '@graphql-hive/gateway-runtime';
import type { PlannedNode } from '../shared/query-plan.ts';
import type { RouterLogger } from './logger.ts';

export const PLANNERS = ['rust', 'js'] as const;
export type PlannerKind = (typeof PLANNERS)[number];

/** What the router needs from @graphql-hive/router-runtime. */
export interface RustPlannerModule {
  unifiedGraphHandler: UnifiedGraphHandler;
  /** router-runtime's plugin that hands over the plan of each operation when it is done. */
  useQueryPlan(opts: { onQueryPlan(plan: { node?: PlannedNode } | undefined): void }): GatewayPlugin;
}

/** How the gateways of one router plan and execute. */
export interface Engine {
  planner: PlannerKind;
  /** Shown in `extensions.queryPlan.engine`. */
  name: string;
  /** Set for the Rust planner; the engine's own (JS) planner when absent. */
  unifiedGraphHandler?: UnifiedGraphHandler;
  /** Engine plugins the planner brings (they run before the router's own). */
  plugins(): GatewayPlugin[];
  /**
   * The plan of the operation whose execution is finishing, for the router's plugins'
   * onExecuteDone (the planner's plugin comes first and sets it synchronously just before);
   * null on the JS planner.
   */
  currentPlan(): PlannedNode | null;
}

const ENGINE_JS = '@graphql-hive/gateway-runtime 2.12 (JS query planner)';
const ENGINE_RUST = '@graphql-hive/gateway-runtime 2.12 + @graphql-hive/router-runtime 1.4 (Rust query planner)';

/**
 * Loads router-runtime and the query planner's native binary. The planner package loads its
 * binary on import, and router-runtime imports it only when the first gateway is built; importing
 * both here makes a missing or broken binary show up once, at the router's first build, rather
 * than as a failed config.
 */
export async function loadRustPlanner(): Promise<RustPlannerModule> {
  const [runtime] = await Promise.all([
    import('@graphql-hive/router-runtime'),
    import('@graphql-hive/router-query-planner'),
  ]);
  return runtime as RustPlannerModule;
}

/**
 * The router's engine for the planner asked for. The Rust planner falls back to the JS one,
 * with one warning, when its native binary cannot load (an unsupported platform or libc):
 * the router keeps serving, as it did before the Rust planner was the default.
 */
export function engineResolver(
  planner: PlannerKind,
  log: RouterLogger,
  load: () => Promise<RustPlannerModule> = loadRustPlanner,
): () => Promise<Engine> {
  let resolved: Promise<Engine> | undefined;
  const js: Engine = { planner: 'js', name: ENGINE_JS, plugins: () => [], currentPlan: () => null };
  return () =>
    (resolved ??=
      planner === 'js'
        ? Promise.resolve(js)
        : load().then(
            (mod): Engine => {
              let current: PlannedNode | null = null;
              return {
                planner: 'rust',
                name: ENGINE_RUST,
                unifiedGraphHandler: mod.unifiedGraphHandler,
                plugins: () => [mod.useQueryPlan({ onQueryPlan: (plan) => void (current = plan?.node ?? null) })],
                currentPlan: () => current,
              };
            },
            (err: unknown) => {
              log.warn(
                'the Rust query planner could not load on this machine; the router uses the JS planner instead ' +
                  '(set SWITCHYARD_ROUTER_PLANNER=js to choose it and silence this warning)',
                { err: err instanceof Error ? err.message : String(err), platform: `${process.platform}-${process.arch}` },
              );
              return js;
            },
          ));
}
