import type { OrgContext } from '../../auth/principal.ts';
import { composeSubgraphs } from '../../../shared/composition/compose.ts';
import type { CheckSchemaResponse, GraphCheck } from '../../../shared/api/schema-registry.ts';
import { readSubgraph, type RegistryDeps } from '../registry-context.ts';
import { compositionUrl, membersOf } from '../compositions/members.ts';
import { affectedGraphs } from '../subgraphs/subgraph-service.ts';
import { assertPublishableSdl } from '../subgraphs/schema-service.ts';
import { buildClientSchema, schemaChanges } from './schema-changes.ts';

/**
 * Checks a proposed subgraph schema without publishing it: for every graph the subgraph
 * is in, composes it with the other members' latest schemas, and compares the resulting
 * client schema with the one routers serve now. Nothing is written.
 */
export class SchemaCheckService {
  constructor(private readonly deps: RegistryDeps) {}

  async check(org: OrgContext, namespace: string, name: string, sdl: string): Promise<CheckSchemaResponse> {
    assertPublishableSdl(sdl);
    const { r, ns, subgraph } = await readSubgraph(this.deps, org, namespace, name);
    const graphs = await affectedGraphs(r, ns, [subgraph]);
    const all = await r.subgraphs.listInNamespace(ns.id);
    const results: GraphCheck[] = [];
    for (const graph of graphs) {
      const members = membersOf(graph, all);
      const versions = await r.versions.latestWithSdl(members.map((m) => m.id));
      const inputs = members
        .filter((m) => m.id === subgraph.id || versions.has(m.id))
        .map((m) => ({
          name: m.name,
          url: compositionUrl({ name: m.name, url: m.routingUrl }),
          sdl: m.id === subgraph.id ? sdl : versions.get(m.id)!.sdl,
        }));
      const result = composeSubgraphs(inputs);
      if (!result.ok) {
        results.push({
          graph: graph.name,
          ok: false,
          compositionErrors: result.errors,
          breakingChanges: [],
          otherChanges: [],
        });
        continue;
      }
      const served = await r.compositions.latestGood(graph.id);
      const changes = served?.clientSchema
        ? await schemaChanges(buildClientSchema(served.clientSchema), buildClientSchema(result.clientSchema))
        : [];
      const breakingChanges = changes.filter((c) => c.criticality === 'breaking');
      results.push({
        graph: graph.name,
        ok: breakingChanges.length === 0,
        compositionErrors: [],
        breakingChanges,
        otherChanges: changes.filter((c) => c.criticality !== 'breaking'),
      });
    }
    return { ok: results.every((g) => g.ok), subgraph: name, namespace, graphs: results };
  }
}
