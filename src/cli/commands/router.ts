import { parseArgs } from 'node:util';
import { createJsonLogger } from '../../router/logger.ts';
import { RouterConfigError, routerEnv } from '../../router/options.ts';
import { startRouter, type RouterSource, type RunningRouter } from '../../router/start.ts';
import { helpFor, wantsHelp } from '../help.ts';

export const routerUsage = helpFor('router')!;

/** Starts the router from the command line and environment; resolves when it is listening. */
export async function startRouterFromArgs(
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<RunningRouter> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string' },
      supergraph: { type: 'string' },
      port: { type: 'string' },
      'no-watch': { type: 'boolean' },
    },
    strict: true,
  });
  const e = routerEnv(values.port !== undefined ? { ...env, ROUTER_PORT: values.port } : env);
  if (values.config && values.supergraph)
    throw new RouterConfigError('Use either --config or --supergraph, not both.');
  const watch = !values['no-watch'];
  let source: RouterSource;
  if (values.config) source = { kind: 'config-file', path: values.config, watch };
  else if (values.supergraph) source = { kind: 'supergraph-file', path: values.supergraph, watch };
  else if (e.controlPlane)
    source = { kind: 'control-plane', ...e.controlPlane, pollIntervalMs: e.pollIntervalMs };
  else {
    throw new RouterConfigError(
      'The router needs a config: pass --config or --supergraph, or set SWITCHYARD_API_URL and SWITCHYARD_ROUTER_TOKEN to follow the control plane.',
    );
  }
  return startRouter({
    source,
    port: e.port,
    host: e.host,
    dataDir: e.dataDir,
    ...(e.pluginsDir ? { pluginsDir: e.pluginsDir } : {}),
    corsOrigins: e.corsOrigins,
    subgraphTimeoutMs: e.subgraphTimeoutMs,
    deduplicateSubgraphRequests: e.deduplicateSubgraphRequests,
    planner: e.planner,
    maskErrors: e.maskErrors,
    drainTimeoutMs: e.drainTimeoutMs,
    limits: e.limits,
    pluginIdleStopMs: e.pluginIdleStopMs,
    observeKeys: e.observeKeys,
    logger: createJsonLogger({ level: e.logLevel, fields: { component: 'router' } }),
  });
}

/** `switchyard router`: runs until SIGINT/SIGTERM. */
export async function runRouter(args: string[]): Promise<number> {
  if (wantsHelp(args)) {
    process.stdout.write(routerUsage);
    return 0;
  }
  let running: RunningRouter;
  try {
    running = await startRouterFromArgs(args);
  } catch (err) {
    if (
      err instanceof RouterConfigError ||
      (err as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(err as Error).message}\n\n${routerUsage}`);
      return 2;
    }
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  process.stdout.write(`\n  Switchyard router:  ${running.url}/graphql\n\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal} received, shutting down the router…\n`);
      running.close().then(resolve, (err: unknown) => {
        process.stderr.write(`Error while shutting down: ${String(err)}\n`);
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}
