import type { Router } from '../http/route.ts';
import { access } from '../http/route.ts';
import {
  createFlagRequestSchema,
  expectedVersionQuerySchema,
  featureFlagDetailSchema,
  featureFlagListSchema,
  flagChangeResultSchema,
  flagCompositionListSchema,
  flagCompositionQuerySchema,
  flagGraphParamsSchema,
  flagParamsSchema,
  flagSchemaDiffSchema,
  flagSubgraphParamsSchema,
  mockDefaultsSchema,
  restoreQuerySchema,
  schemaDiffQuerySchema,
  swapRequestSchema,
  updateFlagRequestSchema,
} from '../../shared/api/feature-flags.ts';
import { namespaceParamsSchema } from '../../shared/api/graphs.ts';
import { SCHEMA_BODY_LIMIT } from '../../shared/api/schema-registry.ts';
import type { FeatureFlagService } from './flag-service.ts';

const base = '/api/v1/orgs/:org/namespaces/:namespace';
const tag = 'feature-flags';

export function registerFeatureFlagRoutes(router: Router, flags: FeatureFlagService) {
  router.route({
    method: 'POST',
    url: `${base}/graphs/:graph/feature-flags`,
    tag,
    summary: 'Clone a graph into a feature flag: it applies to this graph and, with no swaps, composes to the same schema',
    access: access.org('developer'),
    params: flagGraphParamsSchema,
    body: createFlagRequestSchema,
    response: flagChangeResultSchema,
    status: 201,
    handler: ({ org, principal, params, body }) => flags.createForGraph(org, principal, params.namespace, params.graph, body),
  });

  router.route({
    method: 'GET',
    url: `${base}/graphs/:graph/feature-flags`,
    tag,
    summary: 'The feature flags that apply to a graph, with their state and composition status',
    access: access.org('viewer'),
    params: flagGraphParamsSchema,
    response: featureFlagListSchema,
    handler: async ({ org, params }) => ({ featureFlags: await flags.list(org, params.namespace, params.graph) }),
  });

  router.route({
    method: 'GET',
    url: `${base}/feature-flags`,
    tag,
    summary: 'Every feature flag of a namespace, with its state and composition status per graph',
    access: access.org('viewer'),
    params: namespaceParamsSchema,
    response: featureFlagListSchema,
    handler: async ({ org, params }) => ({ featureFlags: await flags.list(org, params.namespace) }),
  });

  router.route({
    method: 'GET',
    url: `${base}/feature-flags/:flag`,
    tag,
    summary: "A feature flag: its swaps, each applicable graph's subgraphs and latest composition, and its version",
    access: access.org('viewer'),
    params: flagParamsSchema,
    response: featureFlagDetailSchema,
    handler: ({ org, params }) => flags.get(org, params.namespace, params.flag),
  });

  router.route({
    method: 'PATCH',
    url: `${base}/feature-flags/:flag`,
    tag,
    summary: 'Enable, disable or describe a feature flag (409 when expectedVersion is stale)',
    access: access.org('developer'),
    params: flagParamsSchema,
    body: updateFlagRequestSchema,
    response: flagChangeResultSchema,
    handler: ({ org, principal, params, body }) => flags.update(org, principal, params.namespace, params.flag, body),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/feature-flags/:flag`,
    tag,
    summary: 'Delete a feature flag; routers stop serving it',
    access: access.org('developer'),
    params: flagParamsSchema,
    query: expectedVersionQuerySchema,
    status: 204,
    handler: ({ org, principal, params, query }) =>
      flags.delete(org, principal, params.namespace, params.flag, query.expectedVersion),
  });

  router.route({
    method: 'PUT',
    url: `${base}/feature-flags/:flag/subgraphs/:subgraph`,
    tag,
    summary: 'Swap a subgraph in a feature flag for a mock plugin, an uploaded plugin build or another URL',
    access: access.org('developer'),
    params: flagSubgraphParamsSchema,
    body: swapRequestSchema,
    response: flagChangeResultSchema,
    bodyLimit: SCHEMA_BODY_LIMIT,
    handler: ({ org, principal, params, body }) =>
      flags.swap(org, principal, params.namespace, params.flag, params.subgraph, body.expectedVersion, body.swap),
  });

  router.route({
    method: 'GET',
    url: `${base}/feature-flags/:flag/subgraphs/:subgraph/mock-defaults`,
    tag,
    summary:
      "What the swap dialog pre-fills for a mock: the current (or a starter) mocks.json with key pools for entities other subgraphs resolve, sampled from the base graph",
    access: access.org('developer'),
    params: flagSubgraphParamsSchema,
    response: mockDefaultsSchema,
    handler: ({ org, params }) => flags.mockDefaults(org, params.namespace, params.flag, params.subgraph),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/feature-flags/:flag/subgraphs/:subgraph`,
    tag,
    summary: 'Restore a swapped subgraph: the flag uses the base subgraph again',
    access: access.org('developer'),
    params: flagSubgraphParamsSchema,
    query: restoreQuerySchema,
    response: flagChangeResultSchema,
    handler: ({ org, principal, params, query }) =>
      flags.restore(org, principal, params.namespace, params.flag, params.subgraph, query.expectedVersion),
  });

  router.route({
    method: 'GET',
    url: `${base}/feature-flags/:flag/compositions`,
    tag,
    summary: "A flag's composition history on every graph it applies to, newest first",
    access: access.org('viewer'),
    params: flagParamsSchema,
    query: flagCompositionQuerySchema,
    response: flagCompositionListSchema,
    handler: async ({ org, params, query }) => ({
      compositions: await flags.compositions(org, params.namespace, params.flag, query.limit),
    }),
  });

  router.route({
    method: 'GET',
    url: `${base}/feature-flags/:flag/schema-diff`,
    tag,
    summary: "The flag's client schema against its base graph's: added, removed and changed types and fields",
    access: access.org('viewer'),
    params: flagParamsSchema,
    query: schemaDiffQuerySchema,
    response: flagSchemaDiffSchema,
    handler: ({ org, params, query }) => flags.schemaDiff(org, params.namespace, params.flag, query.graph),
  });
}
