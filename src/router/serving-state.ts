import type { RouterPluginStatus } from '../shared/router-plugins.ts';
import type { RouterConfig } from '../shared/router-config.ts';
import type { GatewayHandle } from './gateway-handle.ts';
import type { CorsOptions } from './http-responses.ts';
import type { QueryLimits } from './limits.ts';
import type { RouterLogger } from './logger.ts';
import type { RouterMetrics } from './metrics.ts';
import type { EntityMissLog } from './mock-misses.ts';

// These types sit apart from router.ts and http.ts so that the router, its HTTP surface and
// the /graphql handler can all name them without importing one another in a circle.

/** The config being served and its gateways: the base graph and each feature flag. */
export interface ServingState {
  config: RouterConfig;
  hash: string;
  base: GatewayHandle;
  flags: Map<string, GatewayHandle>;
}

/** What the HTTP layer needs from the router. */
export interface HttpDeps {
  getState(): ServingState | null;
  metrics: RouterMetrics;
  limits: QueryLimits;
  cors: CorsOptions;
  log: RouterLogger;
  /** Set once the plugin runtime is attached; null while the router has none. */
  plugins: { list: (() => RouterPluginStatus[]) | null };
  misses?: EntityMissLog;
}
