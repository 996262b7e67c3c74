import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '../db/client.ts';
import type { Router } from '../http/route.ts';
import type { RegistryDeps } from './registry-context.ts';
import { NamespaceService } from './namespaces/namespace-service.ts';
import { GraphService } from './federated-graphs/graph-service.ts';
import { SubgraphService } from './subgraphs/subgraph-service.ts';
import { SchemaService } from './subgraphs/schema-service.ts';
import { SchemaCheckService } from './checks/schema-check-service.ts';
import { RouterTokenService } from './router-config/router-token-service.ts';
import { createConfigNotifier, type ConfigNotifier } from './router-config/config-notifier.ts';
import { registerNamespaceRoutes } from './namespaces/namespace-routes.ts';
import { registerGraphRoutes } from './federated-graphs/graph-routes.ts';
import { registerSubgraphRoutes } from './subgraphs/subgraph-routes.ts';
import { registerSchemaRoutes } from './subgraphs/schema-routes.ts';
import { registerRouterTokenRoutes } from './router-config/router-token-routes.ts';
import { registerRouterConfigRoutes } from './router-config/router-config-routes.ts';
import type { ObservedKeyStore } from './router-config/observed-key-store.ts';
import { registerAuditRoutes } from './audit/audit-routes.ts';
import { HeaderRulesService } from './header-rules/header-rules-service.ts';
import { registerHeaderRulesRoutes } from './header-rules/header-rules-routes.ts';

/** The graph registry's services; they need only the database and a clock. */
export function createGraphRegistry(deps: RegistryDeps) {
  return {
    namespaces: new NamespaceService(deps),
    graphs: new GraphService(deps),
    subgraphs: new SubgraphService(deps),
    schemas: new SchemaService(deps),
    checks: new SchemaCheckService(deps),
    routerTokens: new RouterTokenService(deps),
    headerRules: new HeaderRulesService(deps),
  };
}
export type GraphRegistry = ReturnType<typeof createGraphRegistry>;

export interface GraphRegistryOptions {
  database: DatabaseHandle;
  now: () => Date;
  /** Given by callers that share one; otherwise one is created here and closed with the app. */
  notifier?: ConfigNotifier;
  heartbeatMs?: number;
  onNamespaceDeleted?: RegistryDeps['onNamespaceDeleted'];
  /** Where routers' observed entity keys go; without it they are accepted and dropped. */
  observedKeys?: ObservedKeyStore;
}

/** Registers the registry's API, router and CDN endpoints on the control plane. */
export async function registerGraphRegistry(
  app: FastifyInstance,
  router: Router,
  opts: GraphRegistryOptions,
): Promise<GraphRegistry> {
  const deps: RegistryDeps = {
    db: opts.database.db,
    now: opts.now,
    ...(opts.onNamespaceDeleted ? { onNamespaceDeleted: opts.onNamespaceDeleted } : {}),
  };
  const registry = createGraphRegistry(deps);
  const notifier = opts.notifier ?? (await createConfigNotifier(opts.database, app.log));
  if (!opts.notifier) app.addHook('onClose', () => notifier.close());

  registerNamespaceRoutes(router, registry.namespaces);
  registerGraphRoutes(router, registry.graphs);
  registerHeaderRulesRoutes(router, registry.headerRules);
  registerSubgraphRoutes(router, registry.subgraphs);
  registerSchemaRoutes(router, registry.schemas, registry.checks);
  registerRouterTokenRoutes(router, registry.routerTokens);
  registerAuditRoutes(router, deps.db);
  registerRouterConfigRoutes(app, {
    ...deps,
    tokens: registry.routerTokens,
    notifier,
    ...(opts.heartbeatMs ? { heartbeatMs: opts.heartbeatMs } : {}),
    ...(opts.observedKeys ? { observedKeys: opts.observedKeys } : {}),
  });
  return registry;
}
