import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import { graphParamsSchema } from '../../../shared/api/graphs.ts';
import {
  createdRouterTokenSchema,
  createRouterTokenRequestSchema,
  routerTokenListSchema,
  routerTokenParamsSchema,
  routerTokenSchema,
} from '../../../shared/api/router-tokens.ts';
import { actorFromPrincipal } from '../actor.ts';
import type { RouterTokenService } from './router-token-service.ts';

const base = '/api/v1/orgs/:org/namespaces/:namespace/graphs/:graph/router-tokens';

export function registerRouterTokenRoutes(router: Router, tokens: RouterTokenService) {
  router.route({
    method: 'GET',
    url: base,
    tag: 'router-tokens',
    summary: "List a graph's router tokens (never their secrets)",
    access: access.org('viewer'),
    params: graphParamsSchema,
    response: routerTokenListSchema,
    handler: async ({ org, params }) => ({
      routerTokens: await tokens.list(org, params.namespace, params.graph),
    }),
  });

  router.route({
    method: 'POST',
    url: base,
    tag: 'router-tokens',
    summary: 'Create a router token; the secret is in this answer only',
    access: access.org('developer'),
    params: graphParamsSchema,
    body: createRouterTokenRequestSchema,
    response: createdRouterTokenSchema,
    status: 201,
    handler: ({ org, principal, params, body }) =>
      tokens.create(org, actorFromPrincipal(principal), params.namespace, params.graph, body.name),
  });

  router.route({
    method: 'DELETE',
    url: `${base}/:tokenId`,
    tag: 'router-tokens',
    summary: 'Revoke a router token; it stops working at once and its change streams close',
    access: access.org('developer'),
    params: routerTokenParamsSchema,
    response: routerTokenSchema,
    handler: ({ org, principal, params }) =>
      tokens.revoke(org, actorFromPrincipal(principal), params.namespace, params.graph, params.tokenId),
  });
}
