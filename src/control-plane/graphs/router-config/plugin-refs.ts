import type { Database } from '../../db/client.ts';
import { PluginRepository } from '../../plugins/plugin-repository.ts';
import { pluginPaths } from '../../../shared/api/plugins.ts';
import type { CompositionInput } from '../../db/schema.ts';
import type { GrpcMapping, PluginBuildRef } from '../../../shared/router-config.ts';

export interface PluginBuildInfo {
  ref: PluginBuildRef;
  grpc: GrpcMapping;
  schemaSdl: string;
}

/**
 * A plugin build in the router config's terms, read on the caller's connection so that
 * it can run inside a registry transaction (PGlite has a single connection, so opening
 * another one from inside a transaction would wait forever). Same answer as
 * PluginService.resolveBuild.
 */
export async function findPluginBuild(
  db: Database,
  organizationId: string,
  namespace: string,
  name: string,
  version?: string,
): Promise<PluginBuildInfo | null> {
  const repo = new PluginRepository(db);
  const ns = await repo.findNamespace(organizationId, namespace);
  const plugin = ns ? await repo.findPlugin(ns.id, name) : undefined;
  if (!plugin) return null;
  const chosen = version ?? (await repo.listBuilds(plugin.id))[0]?.version;
  const row = chosen ? await repo.findBuild(plugin.id, chosen) : undefined;
  if (!row) return null;
  return {
    ref: {
      name,
      version: row.version,
      sha256: row.sha256,
      size: row.sizeBytes,
      downloadPath: pluginPaths.routerDownload(row.sha256),
      platforms: row.platforms,
    },
    grpc: { protoSchema: row.protoSchema, mapping: row.mapping },
    schemaSdl: row.schemaSdl,
  };
}

/**
 * The builds a graph's grpc_plugin subgraphs run: the build of its plugin (the plugin
 * with its own name unless it names another) it is pinned to, or else the newest one.
 * A subgraph with no such build gets no plugin ref, and the router reports it.
 */
export async function pluginBuildsForSubgraphs(
  db: Database,
  graph: { id: string; namespace: string },
  inputs: Pick<CompositionInput, 'name' | 'kind' | 'pluginName' | 'pluginVersion'>[],
): Promise<Map<string, PluginBuildInfo>> {
  const out = new Map<string, PluginBuildInfo>();
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
