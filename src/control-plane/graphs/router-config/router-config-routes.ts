import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound, validationError } from '../../http/errors.ts';
import { observedKeysPushSchema } from '../../../shared/router-observed-keys.ts';
import type { ObservedKeyStore } from './observed-key-store.ts';
import { graphPaths } from '../../../shared/api/graph-paths.ts';
import { CONFIG_HASH_RESPONSE_HEADER } from '../../../shared/api/router-tokens.ts';
import { graphRepos, type RegistryDeps } from '../registry-context.ts';
import type { RouterTokenService } from './router-token-service.ts';
import type { ConfigNotifier } from './config-notifier.ts';
import { registerConfigStream } from './config-stream.ts';

/**
 * The endpoints routers use. They are plain Fastify routes rather than router.route()
 * ones because they take router tokens, never sessions or API keys, and the CDN one
 * takes nothing at all (see docs/decisions/0002-router-config-distribution.md).
 */
export function registerRouterConfigRoutes(
  app: FastifyInstance,
  deps: RegistryDeps & {
    tokens: RouterTokenService;
    notifier: ConfigNotifier;
    heartbeatMs?: number;
    observedKeys?: ObservedKeyStore;
  },
): void {
  app.get(graphPaths.routerConfig, async (req, reply) => {
    const principal = await deps.tokens.authenticate(req.headers.authorization);
    const latest = await graphRepos(deps.db).routerConfigs.latest(principal.graph.id);
    if (!latest) {
      throw notFound(
        `Graph "${principal.graph.name}" in namespace "${principal.graph.namespace}" has not composed successfully yet, so there is no router config; publish subgraph schemas that compose`,
      );
    }
    reply.header(CONFIG_HASH_RESPONSE_HEADER, latest.hash).header('cache-control', 'no-cache');
    return sendConfig(req, reply, latest.hash, latest.config);
  });

  // Entity keys the router saw real subgraphs resolve: data values, so only the router
  // holding the graph's token may send them, and only people with access to the graph's
  // flags see them (in the swap dialog's key pools).
  app.put(graphPaths.routerObservedKeys, async (req, reply) => {
    const principal = await deps.tokens.authenticate(req.headers.authorization);
    const parsed = observedKeysPushSchema.safeParse(req.body);
    if (!parsed.success) throw validationError('body', parsed.error);
    await deps.observedKeys?.put(principal.graph.id, principal.tokenId, parsed.data.keys);
    return reply.status(204).send();
  });

  app.get<{ Params: { file: string } }>('/cdn/v1/router-configs/:file', async (req, reply) => {
    const hash = /^([a-f0-9]{64})\.json$/.exec(req.params.file)?.[1];
    const row = hash ? await graphRepos(deps.db).routerConfigs.byHash(hash) : undefined;
    if (!hash || !row) throw notFound('No router config with that hash');
    reply
      .header(CONFIG_HASH_RESPONSE_HEADER, hash)
      .header('cache-control', 'public, max-age=31536000, immutable');
    return sendConfig(req, reply, hash, row.config);
  });

  registerConfigStream(app, deps);
}

function sendConfig(req: FastifyRequest, reply: FastifyReply, hash: string, json: string) {
  const etag = `"${hash}"`;
  reply.header('etag', etag);
  if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply.status(200).type('application/json; charset=utf-8').send(json);
}

/** If-None-Match holds a list of ETags, possibly weak (W/"…"), or "*". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}
