import type { FastifyInstance } from 'fastify';
import { validationError } from '../http/errors.ts';
import { routerPluginParamsSchema } from '../../shared/api/plugins.ts';
import type { PluginService } from './plugin-service.ts';

/** Anything that turns a router's Authorization header into the graph it may read (the registry's RouterTokenService does). */
export interface RouterTokenVerifier {
  authenticate(authorizationHeader: string | undefined): Promise<{ graph: { id: string } }>;
}

/**
 * GET /api/v1/router/plugins/:sha256 with a router token: the archive of a build in
 * the token's organization. Content-addressed, so caches may keep it forever; the
 * router still checks the hash of what it receives.
 */
export function registerRouterPluginDownload(app: FastifyInstance, tokens: RouterTokenVerifier, service: PluginService): void {
  app.get('/api/v1/router/plugins/:sha256', async (req, reply) => {
    const { graph } = await tokens.authenticate(req.headers.authorization);
    const params = routerPluginParamsSchema.safeParse(req.params);
    if (!params.success) throw validationError('params', params.error);
    const { stream, size } = await service.openForGraph(graph.id, params.data.sha256);
    return reply
      .type('application/gzip')
      .header('content-length', size)
      .header('etag', `"${params.data.sha256}"`)
      .header('x-content-sha256', params.data.sha256)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .send(stream);
  });
}
