/** The staging router's public surface, for the CLI, `switchyard start` and the plugin transports. */
export {
  createRouter,
  hashRouterConfig,
  DEFAULT_CORS_ORIGINS,
  type Router,
  type RouterOptions,
  type ApplyResult,
} from './router.ts';
export { startRouter, type StartRouterOptions, type RouterSource, type RunningRouter } from './start.ts';
export { routerEnv, RouterConfigError, type RouterEnv } from './options.ts';
export { defaultLimits, type QueryLimits } from './limits.ts';
export { createJsonLogger, silentLogger, type RouterLogger, type LogLevel } from './logger.ts';
export { createRouterMetrics, type RouterMetrics } from './metrics.ts';
export { routerConfigFromSupergraph } from './config-from-supergraph.ts';
export {
  TransportRegistry,
  subgraphError,
  type CustomSubgraphKind,
  type SubgraphExecutionRequest,
  type SubgraphExecutor,
  type SubgraphTransportProvider,
  type TransportContext,
  type TransportProviders,
} from './transports.ts';
