import type { OrgContext } from '../auth/principal.ts';
import { badRequest, notFound } from '../http/errors.ts';
import { graphNotFound, readInNamespace, type RegistryDeps } from '../graphs/registry-context.ts';
import type {
  FeatureFlag,
  FeatureFlagDetail,
  FlagComposition,
  FlagSchemaDiff,
} from '../../shared/api/feature-flags.ts';
import { FlagRepository } from './flag-repository.ts';
import { applicableGraphs, loadFlags, toFeatureFlag, toFeatureSubgraph, toFlagComposition } from './flag-views.ts';
import { flagSchemaDiff } from './flag-schema-diff.ts';

/**
 * What reads feature flags: no lock, no version check, no audit. The writes, with their
 * namespace lock and version checks, are FeatureFlagService's (flag-service.ts).
 */

export const flagNotFound = (ns: string, name: string) => notFound(`Feature flag "${name}" not found in namespace "${ns}"`);

/** The namespace and the named flag in it, each a 404 when missing. */
export async function readFlag(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, name: string) {
  const { r, ns } = await readInNamespace(deps, org, namespace);
  const flag = await new FlagRepository(r.db).find(ns.id, name);
  if (!flag) throw flagNotFound(namespace, name);
  return { r, ns, flag };
}

export async function listFlags(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, graphName?: string): Promise<FeatureFlag[]> {
  const { r, ns } = await readInNamespace(deps, org, namespace);
  if (graphName && !(await r.graphs.find(ns.id, graphName))) throw graphNotFound(namespace, graphName);
  const data = await loadFlags(r, ns);
  const flags = data.flags.map((f) => toFeatureFlag(data, ns, f));
  return graphName ? flags.filter((f) => f.graphs.some((g) => g.graph === graphName)) : flags;
}

export async function flagDetail(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, name: string): Promise<FeatureFlagDetail> {
  const { r, ns, flag } = await readFlag(deps, org, namespace, name);
  const data = await loadFlags(r, ns, [flag]);
  const swaps = data.swaps.filter((s) => s.featureFlagId === flag.id);
  return {
    ...toFeatureFlag(data, ns, flag),
    graphSubgraphs: applicableGraphs(data, flag).map(({ graph, members }) => ({
      graph: graph.name,
      subgraphs: members.map((m) => {
        const swap = swaps.find((s) => s.baseSubgraphName === m.name);
        return { name: m.name, baseKind: m.type, baseRoutingUrl: m.routingUrl, swap: swap ? toFeatureSubgraph(swap) : null };
      }),
    })),
  };
}

export async function flagCompositions(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, name: string, limit: number): Promise<FlagComposition[]> {
  const { r, ns, flag } = await readFlag(deps, org, namespace, name);
  const graphs = new Map((await r.graphs.listInNamespace(ns.id)).map((g) => [g.id, g.name]));
  const rows = await new FlagRepository(r.db).listCompositions(flag.id, limit);
  return rows.map((c) => toFlagComposition(c, graphs.get(c.graphId) ?? '(deleted graph)'));
}

export async function flagSchemaDiffFor(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, name: string, graphName?: string): Promise<FlagSchemaDiff> {
  const { r, ns, flag } = await readFlag(deps, org, namespace, name);
  const data = await loadFlags(r, ns, [flag]);
  const graphs = applicableGraphs(data, flag);
  const chosen = graphName ? graphs.find((g) => g.graph.name === graphName) : graphs[0];
  if (!chosen) {
    throw graphName
      ? badRequest(`Feature flag "${name}" does not apply to graph "${graphName}"`)
      : badRequest(`Feature flag "${name}" applies to no graph`);
  }
  const base = await r.compositions.latestGood(chosen.graph.id);
  if (!base?.clientSchema) throw badRequest(`Graph "${chosen.graph.name}" has not composed yet`);
  const own = await new FlagRepository(r.db).latestComposition(flag.id, chosen.graph.id);
  return flagSchemaDiff(chosen.graph.name, base.clientSchema, own?.status === 'success' ? own.clientSchema : null);
}
