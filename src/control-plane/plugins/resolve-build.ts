import type { Database } from '../db/client.ts';
import { pluginPaths } from '../../shared/api/plugins.ts';
import type { GrpcMapping, PluginBuildRef } from '../../shared/router-config.ts';
import { PluginRepository } from './plugin-repository.ts';

/** What the router config needs to run a build as a grpc_plugin subgraph. */
export interface ResolvedPluginBuild {
  ref: PluginBuildRef;
  grpc: GrpcMapping;
  schemaSdl: string;
}

/**
 * The build `name@version` (or, without a version, the newest build) in the router
 * config's terms; null when there is none. Read on the caller's connection so that it
 * can run inside a registry transaction (PGlite has a single connection, so opening
 * another one from inside a transaction would wait forever).
 */
export async function findPluginBuild(
  db: Database,
  organizationId: string,
  namespace: string,
  name: string,
  version?: string,
): Promise<ResolvedPluginBuild | null> {
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
