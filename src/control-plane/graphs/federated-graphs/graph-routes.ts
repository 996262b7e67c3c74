import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import {
  createGraphRequestSchema,
  graphChangeResultSchema,
  graphDetailSchema,
  graphListSchema,
  graphParamsSchema,
  namespaceParamsSchema,
  updateGraphRequestSchema,
} from '../../../shared/api/graphs.ts';
import {
  compositionDetailSchema,
  compositionListQuerySchema,
  compositionListSchema,
  compositionParamsSchema,
  graphSchemaResponseSchema,
} from '../../../shared/api/schema-registry.ts';
import { actorFromPrincipal } from '../actor.ts';
import type { GraphService } from './graph-service.ts';

const base = '/api/v1/orgs/:org/namespaces/:namespace/graphs';

export function registerGraphRoutes(router: Router, graphs: GraphService) {
  router.route({
    method: 'GET',
    url: base,
    tag: 'graphs',
    summary: 'List federated graphs with their composition status',
    access: access.org('viewer'),
    params: namespaceParamsSchema,
    response: graphListSchema,
    handler: async ({ org, params }) => ({ graphs: await graphs.list(org, params.namespace) }),
  });

  router.route({
    method: 'POST',
    url: base,
    tag: 'graphs',
    summary: 'Create a federated graph; it composes at once from the subgraphs its label matchers select',
    access: access.org('developer'),
    params: namespaceParamsSchema,
    body: createGraphRequestSchema,
    response: graphChangeResultSchema,
    status: 201,
    handler: ({ org, principal, params, body }) =>
      graphs.create(org, actorFromPrincipal(principal), params.namespace, body),
  });

  router.route({
    method: 'GET',
    url: `${base}/:graph`,
    tag: 'graphs',
    summary: 'A graph with its subgraphs, latest composition and router config',
    access: access.org('viewer'),
    params: graphParamsSchema,
    response: graphDetailSchema,
    handler: ({ org, params }) => graphs.get(org, params.namespace, params.graph),
  });

  router.route({
    method: 'PATCH',
    url: `${base}/:graph`,
    tag: 'graphs',
    summary: "Change a graph's routing URL or label matchers (a matcher change recomposes it)",
    access: access.org('developer'),
    params: graphParamsSchema,
    body: updateGraphRequestSchema,
    response: graphChangeResultSchema,
    handler: ({ org, principal, params, body }) =>
      graphs.update(org, actorFromPrincipal(principal), params.namespace, params.graph, body),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/:graph`,
    tag: 'graphs',
    summary: 'Delete a graph, its composition history, router configs and router tokens',
    access: access.org('developer'),
    params: graphParamsSchema,
    status: 204,
    handler: ({ org, principal, params }) =>
      graphs.delete(org, actorFromPrincipal(principal), params.namespace, params.graph),
  });

  router.route({
    method: 'GET',
    url: `${base}/:graph/schema`,
    tag: 'graphs',
    summary: 'The supergraph and client schema routers are served (the last good composition)',
    access: access.org('viewer'),
    params: graphParamsSchema,
    response: graphSchemaResponseSchema,
    handler: ({ org, params }) => graphs.schema(org, params.namespace, params.graph),
  });

  router.route({
    method: 'GET',
    url: `${base}/:graph/compositions`,
    tag: 'graphs',
    summary: 'Composition history, newest first (paginated with cursor)',
    access: access.org('viewer'),
    params: graphParamsSchema,
    query: compositionListQuerySchema,
    response: compositionListSchema,
    handler: ({ org, params, query }) =>
      graphs.listCompositions(org, params.namespace, params.graph, query.limit, query.cursor),
  });

  router.route({
    method: 'GET',
    url: `${base}/:graph/compositions/:compositionId`,
    tag: 'graphs',
    summary: 'One composition with its errors, or its supergraph SDL and client schema',
    access: access.org('viewer'),
    params: compositionParamsSchema,
    response: compositionDetailSchema,
    handler: ({ org, params }) =>
      graphs.getComposition(org, params.namespace, params.graph, params.compositionId),
  });
}
