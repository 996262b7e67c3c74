import { createHash } from 'node:crypto';
import { composeSubgraphs, type CompositionErrorInfo } from '../../shared/composition/compose.ts';
import { canonicalJson, type FeatureFlagConfig, type RoutedSubgraph } from '../../shared/router-config.ts';
import { matchesLabelMatchers } from '../../shared/labels.ts';
import type { Actor } from '../graphs/actor.ts';
import type { GraphRepos } from '../graphs/registry-context.ts';
import type { GraphRow } from '../graphs/federated-graphs/graph-repository.ts';
import type { NamespaceRow } from '../graphs/namespaces/namespace-repository.ts';
import type { SubgraphRow } from '../graphs/subgraphs/subgraph-repository.ts';
import type { SchemaVersionRow } from '../graphs/subgraphs/schema-version-repository.ts';
import { compositionUrl, membersOf } from '../graphs/compositions/members.ts';
import { refreshRouterConfig } from '../graphs/router-config/router-config-publisher.ts';
import { routedSubgraph } from '../graphs/router-config/router-config-builder.ts';
import { FlagRepository, type FeatureSubgraphRow, type FlagRow } from './flag-repository.ts';
import { findPluginBuild } from '../plugins/resolve-build.ts';

export interface FlagComposeContext {
  r: GraphRepos;
  namespace: NamespaceRow;
  actor: Actor;
  trigger: string;
  now: Date;
}

/** A flag applies to a graph that its labels match and that has every subgraph it replaces. */
export function flagAppliesTo(
  flag: Pick<FlagRow, 'labels'>,
  swaps: Pick<FeatureSubgraphRow, 'baseSubgraphName'>[],
  graph: Pick<GraphRow, 'labelMatchers'>,
  members: Pick<SubgraphRow, 'name'>[],
): boolean {
  if (!matchesLabelMatchers(flag.labels, graph.labelMatchers)) return false;
  const names = new Set(members.map((m) => m.name));
  return swaps.every((s) => names.has(s.baseSubgraphName));
}

interface NamespaceState {
  graphs: GraphRow[];
  subgraphs: SubgraphRow[];
  flags: FlagRow[];
  swaps: Map<string, FeatureSubgraphRow[]>;
  versions: Map<string, SchemaVersionRow>;
}

async function loadState(r: GraphRepos, namespaceId: string): Promise<NamespaceState> {
  const flagsRepo = new FlagRepository(r.db);
  // One query at a time: inside a transaction they share one connection.
  const graphs = await r.graphs.listInNamespace(namespaceId);
  const subgraphs = await r.subgraphs.listInNamespace(namespaceId);
  const flags = await flagsRepo.listInNamespace(namespaceId);
  const swaps = new Map<string, FeatureSubgraphRow[]>();
  for (const s of await flagsRepo.subgraphsOf(flags.map((f) => f.id))) {
    swaps.set(s.featureFlagId, [...(swaps.get(s.featureFlagId) ?? []), s]);
  }
  const versions = await r.versions.latestWithSdl(subgraphs.map((s) => s.id));
  return { graphs, subgraphs, flags, swaps, versions };
}

/**
 * What the router gets for one flag on one graph: the graph's subgraphs with the
 * swapped ones replaced. A feature subgraph keeps its base's name, so the supergraph's
 * join__Graph entries line up with the base graph's.
 */
async function flagSubgraphs(
  ctx: FlagComposeContext,
  swaps: FeatureSubgraphRow[],
  members: SubgraphRow[],
  versions: Map<string, SchemaVersionRow>,
): Promise<{ subgraphs: RoutedSubgraph[]; errors: CompositionErrorInfo[] }> {
  const subgraphs: RoutedSubgraph[] = [];
  const errors: CompositionErrorInfo[] = [];
  for (const m of members) {
    const baseSdl = versions.get(m.id)?.sdl ?? null;
    const swap = swaps.find((s) => s.baseSubgraphName === m.name);
    if (!swap) {
      if (baseSdl === null) continue;
      const build =
        m.type === 'grpc_plugin'
          ? await findPluginBuild(ctx.r.db, ctx.namespace.organizationId, ctx.namespace.name, m.pluginName ?? m.name, m.pluginVersion ?? undefined)
          : null;
      subgraphs.push(routedSubgraph({ subgraphId: m.id, name: m.name, kind: m.type, url: m.routingUrl, schemaVersionId: '', version: 0, sdl: baseSdl, build }));
      continue;
    }
    if (swap.kind === 'url') {
      const sdl = swap.sdl ?? baseSdl;
      if (sdl === null) {
        errors.push(problem(m.name, `Subgraph "${m.name}" has no published schema; give the URL swap an SDL`));
        continue;
      }
      const kind = m.type === 'grpc_service' ? 'grpc_service' : 'standard';
      subgraphs.push({ name: m.name, kind, url: swap.routingUrl, plugin: null, grpc: null, sdl });
      continue;
    }
    const build = await findPluginBuild(ctx.r.db, ctx.namespace.organizationId, ctx.namespace.name, swap.pluginName!, swap.pluginVersion!);
    if (!build) {
      errors.push(problem(m.name, `Plugin build ${swap.pluginName}@${swap.pluginVersion} no longer exists; swap "${m.name}" again`));
      continue;
    }
    subgraphs.push({ name: m.name, kind: 'grpc_plugin', url: null, plugin: build.ref, grpc: build.grpc, sdl: build.schemaSdl });
  }
  return { subgraphs, errors };
}

const problem = (subgraph: string, message: string): CompositionErrorInfo => ({
  message,
  subgraph,
  code: 'FEATURE_SUBGRAPH_UNAVAILABLE',
  line: null,
  column: null,
});

/**
 * Recomposes flags in one namespace, inside the caller's transaction: the given flags
 * (all when omitted) on the given graphs (all when omitted). A pair whose inputs equal
 * its latest composition's is skipped unless `force`. Then every graph considered gets
 * its router config rebuilt with the flags that are enabled and composed.
 */
export async function recomposeFlags(
  ctx: FlagComposeContext,
  opts: { graphIds?: string[]; flagIds?: string[]; force?: boolean } = {},
): Promise<void> {
  const state = await loadState(ctx.r, ctx.namespace.id);
  const repo = new FlagRepository(ctx.r.db);
  const graphs = opts.graphIds ? state.graphs.filter((g) => opts.graphIds!.includes(g.id)) : state.graphs;
  const flags = opts.flagIds ? state.flags.filter((f) => opts.flagIds!.includes(f.id)) : state.flags;
  for (const graph of graphs) {
    const members = membersOf(graph, state.subgraphs);
    for (const flag of flags) {
      const swaps = state.swaps.get(flag.id) ?? [];
      if (!flagAppliesTo(flag, swaps, graph, members)) continue;
      const { subgraphs, errors } = await flagSubgraphs(ctx, swaps, members, state.versions);
      // Like a graph with no schema yet: nothing to compose, nothing to record.
      if (subgraphs.length === 0 && errors.length === 0) continue;
      const inputKey = createHash('sha256').update(canonicalJson(subgraphs)).update(canonicalJson(errors)).digest('hex');
      const latest = await repo.latestComposition(flag.id, graph.id);
      if (!opts.force && latest?.inputKey === inputKey) continue;
      const result = errors.length
        ? ({ ok: false, errors } as const)
        : composeSubgraphs(subgraphs.map((s) => ({ name: s.name, url: compositionUrl(s), sdl: s.sdl })));
      await repo.insertComposition({
        featureFlagId: flag.id,
        graphId: graph.id,
        status: result.ok ? 'success' : 'failed',
        trigger: ctx.trigger,
        triggeredBy: ctx.actor.userId,
        triggeredByLabel: ctx.actor.label,
        inputKey,
        subgraphs,
        errors: result.ok ? [] : result.errors,
        supergraphSdl: result.ok ? result.supergraphSdl : null,
        clientSchema: result.ok ? result.clientSchema : null,
        createdAt: ctx.now,
      });
    }
  }
  for (const graph of graphs) {
    await refreshRouterConfig(
      ctx.r,
      { id: graph.id, name: graph.name, namespace: ctx.namespace.name },
      ctx.now,
      await flagConfigsFor(ctx.r, graph),
    );
  }
}

/**
 * The router config's featureFlags for a graph: every enabled flag that applies to it
 * and whose latest composition on it succeeded. A flag that failed is left out, and
 * the base graph is served as before.
 */
export async function flagConfigsFor(
  r: GraphRepos,
  graph: Pick<GraphRow, 'id' | 'namespaceId' | 'labelMatchers'>,
): Promise<FeatureFlagConfig[]> {
  const repo = new FlagRepository(r.db);
  const flags = (await repo.listInNamespace(graph.namespaceId)).filter((f) => f.enabled);
  if (flags.length === 0) return [];
  const members = membersOf(graph, await r.subgraphs.listInNamespace(graph.namespaceId));
  const swaps = await repo.subgraphsOf(flags.map((f) => f.id));
  const latest = await repo.latestCompositions(flags.map((f) => f.id));
  const out: FeatureFlagConfig[] = [];
  for (const flag of flags) {
    const own = swaps.filter((s) => s.featureFlagId === flag.id);
    if (!flagAppliesTo(flag, own, graph, members)) continue;
    const c = latest.find((l) => l.featureFlagId === flag.id && l.graphId === graph.id);
    if (!c || c.status !== 'success' || c.supergraphSdl === null) continue;
    out.push({ name: flag.name, compositionId: c.id, supergraphSdl: c.supergraphSdl, subgraphs: c.subgraphs });
  }
  return out;
}

/**
 * The registry's hook: after the base graphs of a namespace recomposed, their flags
 * follow (a flag built on a changed subgraph must see the change).
 */
export async function recomposeFlagsOfGraphs(
  ctx: FlagComposeContext,
  graphs: Pick<GraphRow, 'id'>[],
): Promise<void> {
  if (graphs.length === 0) return;
  if ((await new FlagRepository(ctx.r.db).listInNamespace(ctx.namespace.id)).length === 0) return;
  await recomposeFlags(ctx, { graphIds: graphs.map((g) => g.id) });
}
