import { ObservedKeyStore } from './graphs/router-config/observed-key-store.ts';
import { logDestination, logOptions } from '../plugins/runtime/log-format.ts';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import type { Config } from './config.ts';
import type { DatabaseHandle } from './db/client.ts';
import { errorBody, installErrorHandling } from './http/errors.ts';
import { createRouter } from './http/route.ts';
import { buildOpenApi } from './http/openapi.ts';
import { createStudioHandler } from './http/studio-static.ts';
import { UserRepository } from './users/user-repository.ts';
import { SessionRepository } from './auth/session-repository.ts';
import { OrganizationRepository } from './organizations/organization-repository.ts';
import { ApiKeyRepository } from './api-keys/api-key-repository.ts';
import { AuthService } from './auth/auth-service.ts';
import { MemberService } from './organizations/member-service.ts';
import { ApiKeyService } from './api-keys/api-key-service.ts';
import { registerAuthRoutes } from './auth/auth-routes.ts';
import { registerMemberRoutes } from './organizations/member-routes.ts';
import { registerApiKeyRoutes } from './api-keys/api-key-routes.ts';
import { SWITCHYARD_VERSION } from '../shared/version.ts';
import { registerGraphRegistry } from './graphs/graph-registry.ts';
import { PluginService } from './plugins/plugin-service.ts';
import { createPluginStorage } from './plugins/storage/create-plugin-storage.ts';
import { registerPluginRoutes } from './plugins/plugin-routes.ts';
import { registerFeatureFlagRoutes } from './feature-flags/flag-routes.ts';
import { FeatureFlagService } from './feature-flags/flag-service.ts';
import { withFlagPluginUsage } from './feature-flags/plugin-usage.ts';
import { registryPluginHooks } from './graphs/plugin-usage/registry-plugin-hooks.ts';
import { registerPlatformService } from './cosmo/platform-service.ts';
import { DEFAULT_ADMIN_EMAIL } from './bootstrap.ts';
import { OidcService } from './auth/oidc/oidc-service.ts';
import { registerOidcRoutes } from './auth/oidc/oidc-routes.ts';
import { registerPlaygroundRoutes } from './playground/playground-routes.ts';
import { PlaygroundService } from './playground/playground-service.ts';

export const BODY_LIMIT = 1024 * 1024;

export interface ServerDeps {
  config: Config;
  database: DatabaseHandle;
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
}

export interface Server {
  app: FastifyInstance;
  services: ReturnType<typeof createServices>;
}

export function createServices(deps: ServerDeps) {
  const db = deps.database.db;
  const now = deps.now ?? (() => new Date());
  const repos = {
    users: new UserRepository(db),
    sessions: new SessionRepository(db),
    organizations: new OrganizationRepository(db),
    apiKeys: new ApiKeyRepository(db),
  };
  return {
    ...repos,
    auth: new AuthService({
      config: {
        ...deps.config,
        recoveryEmail: (deps.config.admin.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase(),
      },
      ...repos,
      now,
    }),
    members: new MemberService({ db, users: repos.users, organizations: repos.organizations, now }),
    apiKeyService: new ApiKeyService({ apiKeys: repos.apiKeys, now }),
    oidc: deps.config.oidc ? new OidcService({ config: deps.config.oidc, db, now }) : undefined,
    plugins: new PluginService({
      db,
      storage: createPluginStorage(deps.config.plugins.storage),
      config: deps.config.plugins,
      now,
    }),
    now,
  };
}

/** Builds the control plane without listening, so tests run the real server in-process. */
export async function createServer(deps: ServerDeps): Promise<Server> {
  const app = Fastify({
    // The process's one log format (ISO time, level names, component), pretty on a terminal.
    logger: deps.logger ?? { ...logOptions('control-plane', deps.config.logLevel), stream: logDestination() },
    bodyLimit: BODY_LIMIT,
    trustProxy: deps.config.trustProxy,
  });
  const services = createServices(deps);

  await app.register(cookie);
  installErrorHandling(app);
  // JSON only: a cross-site HTML form cannot send application/json without a CORS preflight.
  app.removeContentTypeParser(['text/plain']);

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    try {
      await deps.database.ping();
      return { status: 'ready', database: deps.database.kind };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: deps.database.kind });
    }
  });

  const router = createRouter(app, { auth: services.auth, organizations: services.organizations });
  registerAuthRoutes(router, {
    auth: services.auth,
    members: services.members,
    sessionTtlMs: deps.config.sessionTtlMs,
    ...(services.oidc
      ? { endSessionUrl: (idToken: string) => services.oidc!.client.endSessionUrl(idToken) }
      : {}),
  });
  registerOidcRoutes(router, {
    oidc: services.oidc,
    auth: services.auth,
    passwordLogin: deps.config.passwordLogin,
    sessionTtlMs: deps.config.sessionTtlMs,
    log: app.log,
  });
  registerMemberRoutes(router, services.members);
  registerApiKeyRoutes(router, services.apiKeyService);
  // Routers send their observed keys here, mock swaps read them (in the database, shared by
  // every control plane).
  const observedKeys = new ObservedKeyStore(deps.database.db, services.now);
  const registry = await registerGraphRegistry(app, router, {
    database: deps.database,
    observedKeys,
    now: services.now,
    // The namespace is already gone; an archive storage could not delete is only wasted space.
    onNamespaceDeleted: (archives) =>
      services.plugins.discardArchives(archives).catch((err: unknown) => {
        app.log.warn({ err, archives }, 'could not remove the plugin archives of a deleted namespace');
      }),
  });
  await registerPluginRoutes(app, router, {
    service: services.plugins,
    routerDeps: { auth: services.auth, organizations: services.organizations },
    db: deps.database.db,
    now: services.now,
  });
  const flags = new FeatureFlagService({
    db: deps.database.db,
    now: services.now,
    plugins: services.plugins,
    observedKeys,
  });
  registerFeatureFlagRoutes(router, flags);
  registerPlaygroundRoutes(router, new PlaygroundService({ db: deps.database.db, now: services.now }));
  await registerPlatformService(app, {
    auth: services.auth,
    organizations: services.organizations,
    registry,
    flags,
    registryDeps: { db: deps.database.db, now: services.now },
  });
  services.plugins.hooks = registryPluginHooks(
    { db: deps.database.db, now: services.now },
    services.plugins.hooks,
  );
  services.plugins.hooks = withFlagPluginUsage(deps.database.db, services.plugins.hooks);

  const openapi = buildOpenApi(router.registry, { version: SWITCHYARD_VERSION });
  app.get('/api/openapi.json', async () => openapi);

  const studio = deps.config.studioDir ? createStudioHandler(deps.config.studioDir) : null;
  app.setNotFoundHandler(async (req, reply) => {
    if (
      req.url.startsWith('/api/') ||
      req.url === '/api' ||
      !studio ||
      (req.method !== 'GET' && req.method !== 'HEAD')
    ) {
      return reply
        .status(404)
        .send(errorBody('not_found', `No route for ${req.method} ${req.url.split('?')[0]}`));
    }
    return studio(req, reply);
  });

  return { app, services };
}
