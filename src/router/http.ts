import type { IncomingMessage, ServerResponse } from 'node:http';
import { GRAPHQL_PATH } from './gateway.ts';
import { serveGraphQL } from './graphql-http.ts';
import { corsHeaders, sendGraphQLErrors, sendJson } from './http-responses.ts';
import { ROUTER_PLUGINS_PATH } from '../shared/router-plugins.ts';
import { ROUTER_MISSES_PATH } from '../shared/router-misses.ts';
import type { HttpDeps } from './serving-state.ts';

export type { CorsOptions } from './http-responses.ts';
export type { HttpDeps } from './serving-state.ts';

/** The router's whole HTTP surface: /graphql, /healthz, /readyz, /metrics and /plugins. */
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
    case ROUTER_PLUGINS_PATH:
      return serveStatus(req, res, deps, () => {
        const list = deps.plugins.list;
        return { supervised: list !== null, plugins: list ? list() : [] };
      });
    case ROUTER_MISSES_PATH:
      return serveStatus(req, res, deps, () => {
        const flag = new URL(req.url ?? '/', 'http://router').searchParams.get('flag');
        return { misses: deps.misses?.list(flag ? `flag:${flag}` : undefined) ?? [] };
      });
    default:
      return sendJson(res, 404, {
        error: {
          code: 'NOT_FOUND',
          message: `No route ${req.method} ${path}; GraphQL is served at ${GRAPHQL_PATH}`,
        },
      });
  }
}

/** Plugin state and entity misses for the studio, which reads them cross-origin like /graphql. */
function serveStatus(req: IncomingMessage, res: ServerResponse, deps: HttpDeps, body: () => unknown): void {
  const cors = corsHeaders(req, deps.cors);
  for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
  if (req.method === 'OPTIONS') {
    res.writeHead(cors['access-control-allow-origin'] ? 204 : 403, {
      'access-control-allow-methods': 'GET, OPTIONS',
    });
    res.end();
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, OPTIONS');
    return sendJson(res, 405, {
      error: { code: 'METHOD_NOT_ALLOWED', message: `Use GET ${req.url?.split('?')[0]}` },
    });
  }
  return sendJson(res, 200, body());
}
