import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { access, createRouter, type Router, type RouterDeps } from '../http/route.ts';
import { AppError } from '../http/errors.ts';
import {
  namespaceParamsSchema,
  PLUGIN_BUILD_CONTENT_TYPES,
  pluginBuildDetailSchema,
  pluginBuildListSchema,
  pluginBuildParamsSchema,
  pluginListSchema,
  pluginParamsSchema,
  uploadPluginBuildResponseSchema,
} from '../../shared/api/plugins.ts';
import type { Database } from '../db/client.ts';
import { RouterTokenService } from '../graphs/router-config/router-token-service.ts';
import type { PluginService } from './plugin-service.ts';
import { registerRouterPluginDownload } from './router-plugin-download.ts';

const TAG = 'plugins';
const BUILDS_URL = '/api/v1/orgs/:org/namespaces/:namespace/plugins/:name/builds';

export interface PluginRouteDeps {
  service: PluginService;
  /** For the upload route's own router, which lives in a scope with its own body parser. */
  routerDeps: RouterDeps;
  /** For router tokens, checked by the graph registry's RouterTokenService. */
  db: Database;
  now: () => Date;
}

export async function registerPluginRoutes(app: FastifyInstance, router: Router, deps: PluginRouteDeps): Promise<void> {
  registerReadRoutes(router, deps.service);
  registerRouterPluginDownload(app, new RouterTokenService({ db: deps.db, now: deps.now }), deps.service);
  app.addHook('onReady', async () => {
    const removed = await deps.service.sweepStaleFiles().catch((err: unknown) => {
      app.log.warn({ err }, 'could not sweep stale plugin uploads');
      return 0;
    });
    if (removed) app.log.info({ removed }, 'removed stale plugin upload files');
  });
  // The archive streams in as the raw body. Its parser lives in this scope only, so the
  // rest of the API stays JSON-only with its 1 MB limit.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser([...PLUGIN_BUILD_CONTENT_TYPES], (_req, payload, done) => done(null, payload));
    scope.addContentTypeParser('*', (req, _payload, done) =>
      done(
        new AppError(
          415,
          'unsupported_media_type',
          `Send the build .tar.gz as the raw request body with Content-Type application/gzip (got ${req.headers['content-type'] ?? 'no Content-Type'})`,
        ),
      ),
    );
    // The route answers 201 for a new version; a repeat of a known archive is a 200.
    const repeats = new WeakSet<FastifyRequest>();
    scope.addHook('onSend', async (req, reply) => {
      if (repeats.has(req) && reply.statusCode === 201) reply.code(200);
    });
    const scoped = createRouter(scope, deps.routerDeps);
    scoped.route({
      method: 'POST',
      url: BUILDS_URL,
      tag: TAG,
      summary: 'Upload a plugin build: the .tar.gz as the raw body (application/gzip); 201 new version, 200 same archive again',
      access: access.org('developer'),
      params: pluginParamsSchema,
      response: uploadPluginBuildResponseSchema,
      status: 201,
      bodyLimit: deps.service.maxBytes,
      handler: async ({ req, org, principal, params }) => {
        const body = isStream(req.body) ? req.body : undefined;
        const length = Number(req.headers['content-length']);
        const result = await deps.service.upload(org, principal, params, body, Number.isFinite(length) ? length : undefined);
        if (!result.created) repeats.add(req);
        return result;
      },
    });
    router.registry.push(...scoped.registry);
  });
}

function registerReadRoutes(router: Router, service: PluginService): void {
  router.route({
    method: 'GET',
    url: '/api/v1/orgs/:org/namespaces/:namespace/plugins',
    tag: TAG,
    summary: 'List the plugins of a namespace with their newest build and build count',
    access: access.org('viewer'),
    params: namespaceParamsSchema,
    response: pluginListSchema,
    handler: ({ org, params }) => service.listPlugins(org, params.namespace),
  });

  router.route({
    method: 'GET',
    url: BUILDS_URL,
    tag: TAG,
    summary: "List a plugin's builds, newest first",
    access: access.org('viewer'),
    params: pluginParamsSchema,
    response: pluginBuildListSchema,
    handler: ({ org, params }) => service.listBuilds(org, params.namespace, params.name),
  });

  router.route({
    method: 'GET',
    url: `${BUILDS_URL}/:version`,
    tag: TAG,
    summary: 'One build: metadata, schema, proto and mapping',
    access: access.org('viewer'),
    params: pluginBuildParamsSchema,
    response: pluginBuildDetailSchema,
    handler: ({ org, params }) => service.getBuild(org, params.namespace, params.name, params.version),
  });

  router.route({
    method: 'GET',
    url: `${BUILDS_URL}/:version/download`,
    tag: TAG,
    summary: 'Download a build archive exactly as uploaded (application/gzip)',
    access: access.org('viewer'),
    params: pluginBuildParamsSchema,
    handler: async ({ org, params, reply }) => {
      const { build, stream, size } = await service.openDownload(org, params.namespace, params.name, params.version);
      reply
        .type('application/gzip')
        .header('content-length', size)
        .header('content-disposition', `attachment; filename="${build.plugin}-${build.version}.tar.gz"`)
        .header('etag', `"${build.sha256}"`)
        .header('x-content-sha256', build.sha256)
        .header('cache-control', 'private, no-cache');
      return stream;
    },
  });

  router.route({
    method: 'DELETE',
    url: '/api/v1/orgs/:org/namespaces/:namespace/plugins/:name',
    tag: TAG,
    summary: 'Delete a plugin and all its builds (409 while a subgraph uses it)',
    access: access.org('developer'),
    params: pluginParamsSchema,
    status: 204,
    handler: async ({ org, params }) => {
      await service.deletePlugin(org, params.namespace, params.name);
    },
  });
}

function isStream(value: unknown): value is Readable {
  return typeof value === 'object' && value !== null && typeof (value as Readable).pipe === 'function';
}
