import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPHQL_PATH } from './gateway.ts';
import { serveGraphQL } from './graphql-http.ts';
import { sendGraphQLErrors, sendJson, type CorsOptions } from './http-responses.ts';
import type { QueryLimits } from './limits.ts';
import type { RouterLogger } from './logger.ts';
import type { RouterMetrics } from './metrics.ts';
import type { ServingState } from './router.ts';

export type { CorsOptions } from './http-responses.ts';

export interface HttpDeps {
  getState(): ServingState | null;
  metrics: RouterMetrics;
  limits: QueryLimits;
  cors: CorsOptions;
  log: RouterLogger;
}

/** The router's whole HTTP surface: /graphql, /healthz, /readyz and /metrics. */
export function createGraphQLHttpHandler(deps: HttpDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res, deps).catch((err: unknown) => {
      deps.log.error('request failed inside the router', { err, method: req.method, url: req.url });
      if (!res.headersSent) sendGraphQLErrors(res, 500, 'Internal router error', 'INTERNAL_SERVER_ERROR');
      else res.destroy();
    });
  };
}

async function route(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const path = (req.url ?? '/').split('?')[0];
  switch (path) {
    case GRAPHQL_PATH:
      return serveGraphQL(req, res, deps);
    case '/healthz':
      return sendJson(res, 200, { status: 'ok' });
    case '/readyz': {
      const state = deps.getState();
      return state
        ? sendJson(res, 200, {
            status: 'ready',
            config: state.hash,
            graph: `${state.config.graph.namespace}/${state.config.graph.name}`,
          })
        : sendJson(res, 503, { status: 'not_ready', reason: 'no router config loaded yet' });
    }
    case '/metrics': {
      const { contentType, body } = await deps.metrics.render();
      res.writeHead(200, { 'content-type': contentType });
      res.end(body);
      return;
    }
    default:
      return sendJson(res, 404, {
        error: {
          code: 'NOT_FOUND',
          message: `No route ${req.method} ${path}; GraphQL is served at ${GRAPHQL_PATH}`,
        },
      });
  }
}
