import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import { subgraphParamsSchema } from '../../../shared/api/graphs.ts';
import {
  checkSchemaRequestSchema,
  checkSchemaResponseSchema,
  diffQuerySchema,
  publishSchemaRequestSchema,
  publishSchemaResponseSchema,
  SCHEMA_BODY_LIMIT,
  schemaDiffSchema,
  schemaVersionListSchema,
  schemaVersionWithSdlSchema,
  versionParamsSchema,
} from '../../../shared/api/schema-registry.ts';
import { actorFromPrincipal } from '../actor.ts';
import type { SchemaService } from './schema-service.ts';
import type { SchemaCheckService } from '../checks/schema-check-service.ts';

const base = '/api/v1/orgs/:org/namespaces/:namespace/subgraphs/:subgraph';

export function registerSchemaRoutes(router: Router, schemas: SchemaService, checks: SchemaCheckService) {
  router.route({
    method: 'POST',
    url: `${base}/schema`,
    tag: 'schemas',
    summary:
      'Publish a schema version (creates the subgraph when given routingUrl); affected graphs recompose',
    access: access.org('developer'),
    params: subgraphParamsSchema,
    body: publishSchemaRequestSchema,
    bodyLimit: SCHEMA_BODY_LIMIT,
    response: publishSchemaResponseSchema,
    handler: ({ org, principal, params, body }) =>
      schemas.publish(org, actorFromPrincipal(principal), params.namespace, params.subgraph, body),
  });

  router.route({
    method: 'GET',
    url: `${base}/schema`,
    tag: 'schemas',
    summary: 'The latest published schema',
    access: access.org('viewer'),
    params: subgraphParamsSchema,
    response: schemaVersionWithSdlSchema,
    handler: ({ org, params }) => schemas.version(org, params.namespace, params.subgraph, 'latest'),
  });

  router.route({
    method: 'GET',
    url: `${base}/schema/versions`,
    tag: 'schemas',
    summary: 'Schema versions, newest first (without SDL)',
    access: access.org('viewer'),
    params: subgraphParamsSchema,
    response: schemaVersionListSchema,
    handler: async ({ org, params }) => ({
      versions: await schemas.versions(org, params.namespace, params.subgraph),
    }),
  });

  router.route({
    method: 'GET',
    url: `${base}/schema/versions/:version`,
    tag: 'schemas',
    summary: 'One schema version with its SDL',
    access: access.org('viewer'),
    params: versionParamsSchema,
    response: schemaVersionWithSdlSchema,
    handler: ({ org, params }) => schemas.version(org, params.namespace, params.subgraph, params.version),
  });

  router.route({
    method: 'GET',
    url: `${base}/schema/diff`,
    tag: 'schemas',
    summary: 'Unified text diff and structured changes between two versions',
    access: access.org('viewer'),
    params: subgraphParamsSchema,
    query: diffQuerySchema,
    response: schemaDiffSchema,
    handler: ({ org, params, query }) =>
      schemas.diff(org, params.namespace, params.subgraph, query.from, query.to),
  });

  router.route({
    method: 'POST',
    url: `${base}/check`,
    tag: 'schemas',
    summary: 'Check a proposed schema against every graph the subgraph is in, without publishing',
    access: access.org('viewer'),
    params: subgraphParamsSchema,
    body: checkSchemaRequestSchema,
    bodyLimit: SCHEMA_BODY_LIMIT,
    response: checkSchemaResponseSchema,
    handler: ({ org, params, body }) => checks.check(org, params.namespace, params.subgraph, body.sdl),
  });
}
