import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { featureFlags, featureSubgraphs, namespaces } from '../db/schema.ts';
import type { PluginHooks } from '../plugins/plugin-hooks.ts';

/**
 * Adds the feature subgraphs pinned to a plugin's builds to the plugin registry's usage
 * check, so a plugin a flag runs cannot be deleted from under it (409 naming the flag).
 */
export function withFlagPluginUsage(db: Database, hooks: PluginHooks): PluginHooks {
  return {
    ...hooks,
    async findPluginUsage(ref) {
      const rows = await db
        .select({ flag: featureFlags.name, subgraph: featureSubgraphs.baseSubgraphName })
        .from(featureSubgraphs)
        .innerJoin(featureFlags, eq(featureFlags.id, featureSubgraphs.featureFlagId))
        .innerJoin(namespaces, eq(namespaces.id, featureFlags.namespaceId))
        .where(
          and(
            eq(namespaces.organizationId, ref.organizationId),
            eq(namespaces.name, ref.namespace),
            eq(featureSubgraphs.pluginName, ref.plugin),
          ),
        );
      const others = await hooks.findPluginUsage(ref);
      return [...others, ...rows.map((r) => `feature flag ${r.flag} (subgraph ${r.subgraph})`)];
    },
  };
}
