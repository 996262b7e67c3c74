import type { CompositionSummary, Graph, Subgraph } from '../../shared/api/graphs.ts';
import type { Composition, SchemaVersion } from '../../shared/api/schema-registry.ts';
import type { GraphRepos } from './registry-context.ts';
import type { NamespaceRow } from './namespaces/namespace-repository.ts';
import type { GraphRow } from './federated-graphs/graph-repository.ts';
import type { SubgraphRow } from './subgraphs/subgraph-repository.ts';
import type { SchemaVersionMeta } from './subgraphs/schema-version-repository.ts';
import type { CompositionMeta } from './compositions/composition-repository.ts';
import { membersOf } from './compositions/members.ts';

/** Rows to API shapes, loading what a listing needs in a few set-based queries. */

export function toCompositionSummary(c: CompositionMeta): CompositionSummary {
  return {
    id: c.id,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    triggeredBy: c.triggeredByLabel,
    trigger: c.trigger,
    errorCount: c.errors.length,
  };
}

export function toComposition(
  c: CompositionMeta,
  graphName: string,
  servedCompositionId: string | null,
): Composition {
  return {
    id: c.id,
    graph: graphName,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    triggeredBy: c.triggeredByLabel,
    trigger: c.trigger,
    subgraphs: c.inputs,
    errors: c.errors,
    served: c.id === servedCompositionId,
  };
}

export function toSchemaVersion(v: SchemaVersionMeta): SchemaVersion {
  return {
    id: v.id,
    version: v.version,
    createdAt: v.createdAt.toISOString(),
    createdBy: v.createdByLabel,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
  };
}

export async function graphViews(r: GraphRepos, ns: NamespaceRow, graphs: GraphRow[]): Promise<Graph[]> {
  const ids = graphs.map((g) => g.id);
  // One after the other: inside a transaction they share one connection.
  const subgraphs = await r.subgraphs.listInNamespace(ns.id);
  const latest = await r.compositions.latestPerGraph(ids, false);
  const good = await r.compositions.latestPerGraph(ids, true);
  const configs = await r.routerConfigs.latestHashes(ids);
  return graphs.map((g) => {
    const l = latest.get(g.id);
    const lg = good.get(g.id);
    const cfg = configs.get(g.id);
    return {
      id: g.id,
      name: g.name,
      namespace: ns.name,
      routingUrl: g.routingUrl,
      labelMatchers: g.labelMatchers,
      createdAt: g.createdAt.toISOString(),
      updatedAt: g.updatedAt.toISOString(),
      status: !l ? 'pending' : l.status === 'success' ? 'composed' : 'failed',
      subgraphCount: membersOf(g, subgraphs).length,
      latestComposition: l ? toCompositionSummary(l) : null,
      lastGoodComposition: lg ? toCompositionSummary(lg) : null,
      routerConfig: cfg ? { hash: cfg.hash, createdAt: cfg.createdAt.toISOString() } : null,
    };
  });
}

export async function subgraphViews(
  r: GraphRepos,
  ns: NamespaceRow,
  subgraphs: SubgraphRow[],
): Promise<Subgraph[]> {
  // One after the other: inside a transaction they share one connection.
  const graphs = await r.graphs.listInNamespace(ns.id);
  const versions = await r.versions.latestMeta(subgraphs.map((s) => s.id));
  return subgraphs.map((s) => toSubgraph(s, ns, versions.get(s.id), graphs));
}

export function toSubgraph(
  s: SubgraphRow,
  ns: NamespaceRow,
  latest: SchemaVersionMeta | undefined,
  graphs: GraphRow[],
): Subgraph {
  return {
    id: s.id,
    name: s.name,
    namespace: ns.name,
    type: s.type,
    routingUrl: s.routingUrl,
    labels: s.labels,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    latestVersion: latest
      ? {
          version: latest.version,
          createdAt: latest.createdAt.toISOString(),
          createdBy: latest.createdByLabel,
        }
      : null,
    graphs: graphs.filter((g) => membersOf(g, [s]).length > 0).map((g) => g.name),
    plugin: s.type === 'grpc_plugin' ? { name: s.pluginName ?? s.name, version: s.pluginVersion } : null,
  };
}
