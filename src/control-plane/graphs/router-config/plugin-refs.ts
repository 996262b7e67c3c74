import type { Database } from '../../db/client.ts';
import { PluginRepository } from '../../plugins/plugin-repository.ts';
import { findPluginBuild, type ResolvedPluginBuild } from '../../plugins/resolve-build.ts';
import type { CompositionInput } from '../../db/schema.ts';

/**
 * The builds a graph's grpc_plugin subgraphs run: the build of its plugin (the plugin
 * with its own name unless it names another) it is pinned to, or else the newest one.
 * A subgraph with no such build gets no plugin ref, and the router reports it.
 */
export async function pluginBuildsForSubgraphs(
  db: Database,
  graph: { id: string; namespace: string },
  inputs: Pick<CompositionInput, 'name' | 'kind' | 'pluginName' | 'pluginVersion'>[],
): Promise<Map<string, ResolvedPluginBuild>> {
  const out = new Map<string, ResolvedPluginBuild>();
  const plugins = inputs.filter((i) => i.kind === 'grpc_plugin');
  if (plugins.length === 0) return out;
  const organizationId = await new PluginRepository(db).organizationOfGraph(graph.id);
  if (!organizationId) return out;
  for (const p of plugins) {
    const build = await findPluginBuild(db, organizationId, graph.namespace, p.pluginName ?? p.name, p.pluginVersion ?? undefined);
    if (build) out.set(p.name, build);
  }
  return out;
}
