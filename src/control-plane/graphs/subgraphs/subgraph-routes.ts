import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import {
  createSubgraphRequestSchema,
  deletedResultSchema,
  namespaceParamsSchema,
  subgraphChangeResultSchema,
  subgraphListSchema,
  subgraphParamsSchema,
  subgraphSchema,
  updateSubgraphRequestSchema,
} from '../../../shared/api/graphs.ts';
import { actorFromPrincipal } from '../actor.ts';
import type { SubgraphService } from './subgraph-service.ts';

const base = '/api/v1/orgs/:org/namespaces/:namespace/subgraphs';

export function registerSubgraphRoutes(router: Router, subgraphs: SubgraphService) {
  router.route({
    method: 'GET',
    url: base,
    tag: 'subgraphs',
    summary: 'List subgraphs with their latest version and the graphs they are in',
    access: access.org('viewer'),
    params: namespaceParamsSchema,
    response: subgraphListSchema,
    handler: async ({ org, params }) => ({ subgraphs: await subgraphs.list(org, params.namespace) }),
  });

  router.route({
    method: 'POST',
    url: base,
    tag: 'subgraphs',
    summary: 'Create a subgraph (it joins compositions once a schema is published)',
    access: access.org('developer'),
    params: namespaceParamsSchema,
    body: createSubgraphRequestSchema,
    response: subgraphChangeResultSchema,
    status: 201,
    handler: ({ org, principal, params, body }) =>
      subgraphs.create(org, actorFromPrincipal(principal), params.namespace, body),
  });

  router.route({
    method: 'GET',
    url: `${base}/:subgraph`,
    tag: 'subgraphs',
    summary: 'A subgraph',
    access: access.org('viewer'),
    params: subgraphParamsSchema,
    response: subgraphSchema,
    handler: ({ org, params }) => subgraphs.get(org, params.namespace, params.subgraph),
  });

  router.route({
    method: 'PATCH',
    url: `${base}/:subgraph`,
    tag: 'subgraphs',
    summary: "Change a subgraph's type, routing URL or labels; affected graphs recompose",
    access: access.org('developer'),
    params: subgraphParamsSchema,
    body: updateSubgraphRequestSchema,
    response: subgraphChangeResultSchema,
    handler: ({ org, principal, params, body }) =>
      subgraphs.update(org, actorFromPrincipal(principal), params.namespace, params.subgraph, body),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/:subgraph`,
    tag: 'subgraphs',
    summary: 'Delete a subgraph and its versions; the graphs it was in recompose without it',
    access: access.org('developer'),
    params: subgraphParamsSchema,
    response: deletedResultSchema,
    handler: ({ org, principal, params }) =>
      subgraphs.delete(org, actorFromPrincipal(principal), params.namespace, params.subgraph),
  });
}
