import type { CompositionErrorInfo } from '../../shared/composition/compose.ts';

export interface PluginRef {
  organizationId: string;
  namespace: string;
  plugin: string;
}

/**
 * Where plugin builds meet the graph registry. Both default to "nothing to say" until
 * the registry knows which subgraphs use which plugin; it plugs in here without the
 * plugin code having to know about graphs.
 */
export interface PluginHooks {
  /**
   * "The schema composes with the graphs that use it": before a build is recorded,
   * compose its schema in place of the plugin subgraph's in every graph that has one
   * using this plugin. Errors refuse the upload (400) and nothing is stored.
   */
  checkBuildComposes(input: PluginRef & { version: string; schemaSdl: string }): Promise<{ ok: true } | { ok: false; errors: CompositionErrorInfo[] }>;
  /**
   * Subgraphs (or feature subgraphs) pinned to builds of this plugin, as display names.
   * A plugin that is still used cannot be deleted (409).
   */
  findPluginUsage(input: PluginRef): Promise<string[]>;
  /**
   * A new build was recorded: graphs whose plugin subgraphs follow the newest build
   * rebuild their router configs so that routers run it.
   */
  onBuildRecorded?(input: PluginRef & { version: string }): Promise<void>;
}

export const noPluginHooks: PluginHooks = {
  checkBuildComposes: async () => ({ ok: true }),
  findPluginUsage: async () => [],
};
