import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import { orgParamsSchema } from '../../../shared/api/organizations.ts';
import {
  createNamespaceRequestSchema,
  namespaceListSchema,
  namespaceParamsSchema,
  namespaceSchema,
} from '../../../shared/api/graphs.ts';
import { actorFromPrincipal } from '../actor.ts';
import type { NamespaceService } from './namespace-service.ts';

export function registerNamespaceRoutes(router: Router, namespaces: NamespaceService) {
  router.route({
    method: 'GET',
    url: '/api/v1/orgs/:org/namespaces',
    tag: 'namespaces',
    summary: 'List namespaces (the default namespace always exists)',
    access: access.org('viewer'),
    params: orgParamsSchema,
    response: namespaceListSchema,
    handler: async ({ org }) => ({ namespaces: await namespaces.list(org) }),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/orgs/:org/namespaces',
    tag: 'namespaces',
    summary: 'Create a namespace',
    access: access.org('developer'),
    params: orgParamsSchema,
    body: createNamespaceRequestSchema,
    response: namespaceSchema,
    status: 201,
    handler: ({ org, principal, body }) => namespaces.create(org, actorFromPrincipal(principal), body.name),
  });

  router.route({
    method: 'DELETE',
    url: '/api/v1/orgs/:org/namespaces/:namespace',
    tag: 'namespaces',
    summary: 'Delete a namespace with all its graphs and subgraphs (not the default one)',
    access: access.org('developer'),
    params: namespaceParamsSchema,
    status: 204,
    handler: ({ org, principal, params }) =>
      namespaces.delete(org, actorFromPrincipal(principal), params.namespace),
  });
}
