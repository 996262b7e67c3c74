import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import { graphParamsSchema } from '../../../shared/api/graphs.ts';
import {
  graphHeaderRulesSchema,
  headerRulesChangeResultSchema,
  updateHeaderRulesRequestSchema,
} from '../../../shared/api/header-rules.ts';
import { actorFromPrincipal } from '../actor.ts';
import type { HeaderRulesService } from './header-rules-service.ts';

const url = '/api/v1/orgs/:org/namespaces/:namespace/graphs/:graph/header-rules';

export function registerHeaderRulesRoutes(router: Router, service: HeaderRulesService) {
  router.route({
    method: 'GET',
    url,
    tag: 'graphs',
    summary: "A graph's header rules: which client headers its routers send on to the subgraphs",
    access: access.org('viewer'),
    params: graphParamsSchema,
    response: graphHeaderRulesSchema,
    handler: ({ org, params }) => service.get(org, params.namespace, params.graph),
  });

  router.route({
    method: 'PUT',
    url,
    tag: 'graphs',
    summary: "Replace a graph's header rules (Cosmo's headers block); routers get a new config",
    access: access.org('developer'),
    params: graphParamsSchema,
    body: updateHeaderRulesRequestSchema,
    response: headerRulesChangeResultSchema,
    handler: ({ org, principal, params, body }) =>
      service.update(org, actorFromPrincipal(principal), params.namespace, params.graph, body.headers),
  });
}
