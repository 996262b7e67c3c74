import { badRequest, notFound } from '../../http/errors.ts';
import type { SubgraphKind } from '../../../shared/router-config.ts';
import { PluginRepository } from '../../plugins/plugin-repository.ts';
import type { GraphRepos } from '../registry-context.ts';
import type { NamespaceRow } from '../namespaces/namespace-repository.ts';

export interface PluginPin {
  pluginName: string | null;
  pluginVersion: string | null;
}

/**
 * The plugin fields a subgraph ends up with. They mean something for grpc_plugin
 * subgraphs only, so a subgraph that stops being one drops them rather than keeping a
 * pin nobody sees.
 */
export function nextPluginPin(
  type: SubgraphKind,
  before: PluginPin,
  input: { pluginName?: string | null | undefined; pluginVersion?: string | null | undefined },
): PluginPin {
  if (type !== 'grpc_plugin') {
    if (input.pluginName || input.pluginVersion) {
      throw badRequest(`pluginName and pluginVersion apply to grpc_plugin subgraphs only, not to ${type} subgraphs`);
    }
    return { pluginName: null, pluginVersion: null };
  }
  return {
    pluginName: input.pluginName !== undefined ? input.pluginName : before.pluginName,
    pluginVersion: input.pluginVersion !== undefined ? input.pluginVersion : before.pluginVersion,
  };
}

/**
 * A pin must name a build that exists, and a plugin named explicitly must exist, so the
 * router config never points at nothing. A subgraph running the plugin of its own name
 * may come first, its builds after. Reads on the transaction's connection (PGlite has
 * only one).
 */
export async function assertPinnedBuildExists(r: GraphRepos, ns: NamespaceRow, subgraph: string, pin: PluginPin): Promise<void> {
  if (pin.pluginVersion === null && pin.pluginName === null) return;
  const plugin = pin.pluginName ?? subgraph;
  const repo = new PluginRepository(r.db);
  const row = await repo.findPlugin(ns.id, plugin);
  if (!row) throw notFound(`Plugin "${plugin}" not found in namespace "${ns.name}"; upload a build before pointing subgraph "${subgraph}" at it`);
  if (pin.pluginVersion !== null && !(await repo.findBuild(row.id, pin.pluginVersion))) {
    throw notFound(`Plugin "${plugin}" has no version ${pin.pluginVersion} in namespace "${ns.name}"`);
  }
}
