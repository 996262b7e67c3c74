import type { OrgContext } from '../../auth/principal.ts';
import type { GraphHeaderRules, HeaderRulesChangeResult } from '../../../shared/api/header-rules.ts';
import type { HeaderRules } from '../../../shared/header-rules.ts';
import { flagConfigsFor } from '../../feature-flags/flag-composer.ts';
import type { Actor } from '../actor.ts';
import { findGraph, inNamespaceTransaction, readGraph, type RegistryDeps } from '../registry-context.ts';
import { refreshRouterConfig } from '../router-config/router-config-publisher.ts';

/**
 * A graph's header rules: stored with the graph, copied into its router config (base and
 * every flag), so a change reaches routers the way a new composition does.
 */
export class HeaderRulesService {
  constructor(private readonly deps: RegistryDeps) {}

  async get(org: OrgContext, namespace: string, name: string): Promise<GraphHeaderRules> {
    const { r, graph } = await readGraph(this.deps, org, namespace, name);
    const current = await r.routerConfigs.latestHash(graph.id);
    return { graph: graph.name, headers: graph.headerRules, routerConfigHash: current?.hash ?? null };
  }

  async update(
    org: OrgContext,
    actor: Actor,
    namespace: string,
    name: string,
    headers: HeaderRules,
  ): Promise<HeaderRulesChangeResult> {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const before = await findGraph(r, ns, name);
      const graph = await r.graphs.update(before.id, { headerRules: headers }, now);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'graph.header_rules_updated',
        resourceType: 'graph',
        resourceName: name,
        namespace,
        details: { before: before.headerRules, after: headers },
        now,
      });
      // A graph that never composed has no config yet; its first one will carry the rules.
      const config = await refreshRouterConfig(
        r,
        { id: graph.id, name: graph.name, namespace: ns.name },
        now,
        await flagConfigsFor(r, graph),
      );
      return {
        graph: graph.name,
        headers: graph.headerRules,
        routerConfigHash: config.hash,
        routerConfigChanged: config.changed,
      };
    });
  }
}
