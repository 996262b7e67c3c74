import { composeSubgraphs, type SubgraphInput } from '../../../shared/composition/compose.ts';
import type { CompositionInput } from '../../db/schema.ts';
import type { CompositionOutcome } from '../../../shared/api/graphs.ts';
import type { Actor } from '../actor.ts';
import type { GraphRepos } from '../registry-context.ts';
import type { GraphRow } from '../federated-graphs/graph-repository.ts';
import type { SubgraphRow } from '../subgraphs/subgraph-repository.ts';
import type { NamespaceRow } from '../namespaces/namespace-repository.ts';
import type { SchemaVersionRow } from '../subgraphs/schema-version-repository.ts';
import { refreshRouterConfig } from '../router-config/router-config-publisher.ts';
import { flagConfigsFor, recomposeFlagsOfGraphs } from '../../feature-flags/flag-composer.ts';
import { compositionUrl, membersOf } from './members.ts';

export { compositionUrl, membersOf };

export interface ComposeContext {
  r: GraphRepos;
  namespace: NamespaceRow;
  actor: Actor;
  /** why, in words: "schema of products published (v3)" */
  trigger: string;
  now: Date;
}

export function compositionInputs(
  members: SubgraphRow[],
  versions: Map<string, Pick<SchemaVersionRow, 'id' | 'version'>>,
): CompositionInput[] {
  return members
    .filter((s) => versions.has(s.id))
    .map((s) => {
      const v = versions.get(s.id)!;
      return {
        subgraphId: s.id,
        name: s.name,
        kind: s.type,
        url: s.routingUrl,
        schemaVersionId: v.id,
        version: v.version,
        // In the inputs, so that a new pin recomposes and the router config follows it.
        ...(s.type === 'grpc_plugin' ? { pluginName: s.pluginName, pluginVersion: s.pluginVersion } : {}),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

const inputKey = (inputs: CompositionInput[]) =>
  JSON.stringify(
    inputs.map((i) => [i.subgraphId, i.name, i.kind, i.url, i.schemaVersionId, i.pluginName ?? null, i.pluginVersion ?? null]),
  );

/**
 * Recomposes the given graphs of one namespace after a change, inside the caller's
 * transaction, and records each attempt. A graph whose inputs are exactly those of its
 * latest composition is skipped (the result would be the same), as is a graph that
 * never composed and still has no subgraph with a schema.
 */
export async function recomposeGraphs(
  ctx: ComposeContext,
  graphs: GraphRow[],
): Promise<CompositionOutcome[]> {
  if (graphs.length === 0) return [];
  const { r } = ctx;
  const all = await r.subgraphs.listInNamespace(ctx.namespace.id);
  const memberships = graphs.map((g) => ({ graph: g, members: membersOf(g, all) }));
  const ids = [...new Set(memberships.flatMap((m) => m.members.map((s) => s.id)))];
  const versions = await r.versions.latestWithSdl(ids);
  const outcomes: CompositionOutcome[] = [];
  for (const { graph, members } of memberships) {
    const inputs = compositionInputs(members, versions);
    const latest = await r.compositions.latest(graph.id);
    if (!latest && inputs.length === 0) continue;
    if (latest && inputKey(latest.inputs) === inputKey(inputs)) continue;
    outcomes.push(await composeOne(ctx, graph, inputs, versions));
  }
  // Feature flags are built on these graphs' subgraphs: they follow every change.
  await recomposeFlagsOfGraphs(ctx, graphs);
  return outcomes;
}

async function composeOne(
  ctx: ComposeContext,
  graph: GraphRow,
  inputs: CompositionInput[],
  versions: Map<string, SchemaVersionRow>,
): Promise<CompositionOutcome> {
  const subgraphs: SubgraphInput[] = inputs.map((i) => ({
    name: i.name,
    url: compositionUrl(i),
    sdl: versions.get(i.subgraphId)!.sdl,
  }));
  const result = composeSubgraphs(subgraphs);
  const row = await ctx.r.compositions.insert({
    graphId: graph.id,
    status: result.ok ? 'success' : 'failed',
    trigger: ctx.trigger,
    triggeredBy: ctx.actor.userId,
    triggeredByLabel: ctx.actor.label,
    inputs,
    errors: result.ok ? [] : result.errors,
    supergraphSdl: result.ok ? result.supergraphSdl : null,
    clientSchema: result.ok ? result.clientSchema : null,
    now: ctx.now,
  });
  const config = result.ok
    ? await refreshRouterConfig(
        ctx.r,
        { id: graph.id, name: graph.name, namespace: ctx.namespace.name },
        ctx.now,
        await flagConfigsFor(ctx.r, graph),
      )
    : { hash: (await ctx.r.routerConfigs.latestHash(graph.id))?.hash ?? null, changed: false };
  return {
    graph: graph.name,
    compositionId: row.id,
    status: row.status,
    errors: row.errors,
    routerConfigHash: config.hash,
    routerConfigChanged: config.changed,
  };
}
