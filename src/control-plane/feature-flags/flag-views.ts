import type { FeatureFlag, FeatureSubgraph, FlagComposition } from '../../shared/api/feature-flags.ts';
import type { GraphRepos } from '../graphs/registry-context.ts';
import type { NamespaceRow } from '../graphs/namespaces/namespace-repository.ts';
import type { GraphRow } from '../graphs/federated-graphs/graph-repository.ts';
import type { SubgraphRow } from '../graphs/subgraphs/subgraph-repository.ts';
import { membersOf } from '../graphs/compositions/members.ts';
import { flagAppliesTo } from './flag-composer.ts';
import { FlagRepository, type FeatureSubgraphRow, type FlagCompositionMeta, type FlagCompositionRow, type FlagRow } from './flag-repository.ts';

export function toFeatureSubgraph(s: FeatureSubgraphRow): FeatureSubgraph {
  return {
    subgraph: s.baseSubgraphName,
    kind: s.kind,
    routingUrl: s.routingUrl,
    plugin: s.pluginName,
    pluginVersion: s.pluginVersion,
    sdl: s.sdl,
    mocks: s.mocks ?? null,
    createdBy: s.createdByLabel,
    createdAt: s.createdAt.toISOString(),
  };
}

export function toFlagComposition(c: FlagCompositionMeta, graph: string): FlagComposition {
  return {
    id: c.id,
    graph,
    status: c.status,
    errors: c.errors,
    trigger: c.trigger,
    triggeredBy: c.triggeredByLabel,
    createdAt: c.createdAt.toISOString(),
  };
}

export interface NamespaceFlags {
  graphs: GraphRow[];
  subgraphs: SubgraphRow[];
  flags: FlagRow[];
  swaps: FeatureSubgraphRow[];
  latest: FlagCompositionRow[];
}

export async function loadFlags(r: GraphRepos, ns: NamespaceRow, only?: FlagRow[]): Promise<NamespaceFlags> {
  const repo = new FlagRepository(r.db);
  const flags = only ?? (await repo.listInNamespace(ns.id));
  // One query at a time: inside a transaction they share one connection.
  const graphs = await r.graphs.listInNamespace(ns.id);
  const subgraphs = await r.subgraphs.listInNamespace(ns.id);
  const swaps = await repo.subgraphsOf(flags.map((f) => f.id));
  const latest = await repo.latestCompositions(flags.map((f) => f.id));
  return { graphs, subgraphs, flags, swaps, latest };
}

/** The graphs a flag applies to now, each with the subgraphs it has there. */
export function applicableGraphs(data: NamespaceFlags, flag: FlagRow) {
  const swaps = data.swaps.filter((s) => s.featureFlagId === flag.id);
  return data.graphs
    .map((graph) => ({ graph, members: membersOf(graph, data.subgraphs) }))
    .filter(({ graph, members }) => flagAppliesTo(flag, swaps, graph, members));
}

export function toFeatureFlag(data: NamespaceFlags, ns: NamespaceRow, flag: FlagRow): FeatureFlag {
  const swaps = data.swaps.filter((s) => s.featureFlagId === flag.id);
  return {
    id: flag.id,
    namespace: ns.name,
    name: flag.name,
    description: flag.description,
    labels: flag.labels,
    enabled: flag.enabled,
    version: flag.version,
    createdBy: flag.createdByLabel,
    createdAt: flag.createdAt.toISOString(),
    updatedBy: flag.updatedByLabel,
    updatedAt: flag.updatedAt.toISOString(),
    featureSubgraphs: swaps.map(toFeatureSubgraph),
    graphs: applicableGraphs(data, flag).map(({ graph }) => {
      const c = data.latest.find((l) => l.featureFlagId === flag.id && l.graphId === graph.id);
      const status = !c ? 'pending' : c.status === 'success' ? 'composed' : 'failed';
      return {
        graph: graph.name,
        status,
        live: flag.enabled && status === 'composed',
        composition: c ? toFlagComposition(c, graph.name) : null,
      };
    }),
  };
}
