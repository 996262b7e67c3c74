import type { FeatureFlagConfig } from '../../../shared/router-config.ts';
import type { GraphRepos } from '../registry-context.ts';
import { buildRouterConfig, serializeRouterConfig } from './router-config-builder.ts';
import { publishConfigChange } from './config-notifier.ts';
import { pluginBuildsForSubgraphs } from './plugin-refs.ts';

export interface RefreshResult {
  /** the config routers get now, or null when the graph never composed */
  hash: string | null;
  changed: boolean;
}

/**
 * Rebuilds a graph's router config from its last GOOD composition and stores it when
 * its content hash differs from the current one; then routers are told, on commit.
 * A failed composition therefore never changes what routers get.
 *
 * `featureFlags` is for the feature-flag issue: the enabled flags that composed.
 */
export async function refreshRouterConfig(
  r: GraphRepos,
  graph: { id: string; name: string; namespace: string },
  now: Date,
  featureFlags: FeatureFlagConfig[] = [],
): Promise<RefreshResult> {
  const current = await r.routerConfigs.latestHash(graph.id);
  const good = await r.compositions.latestGood(graph.id);
  if (!good || good.supergraphSdl === null) return { hash: current?.hash ?? null, changed: false };
  const versions = await r.versions.byIds(good.inputs.map((i) => i.schemaVersionId));
  // A subgraph of the last good composition was deleted since, and the graph has not
  // composed without it: keep serving the stored config rather than a broken one.
  if (good.inputs.some((i) => !versions.has(i.schemaVersionId)))
    return { hash: current?.hash ?? null, changed: false };
  const builds = await pluginBuildsForSubgraphs(r.db, graph, good.inputs);
  const headerRules = await r.graphs.headerRules(graph.id);
  const config = buildRouterConfig(
    {
      graph,
      composition: { id: good.id, createdAt: good.createdAt, supergraphSdl: good.supergraphSdl },
      subgraphs: good.inputs.map((i) => ({
        ...i,
        sdl: versions.get(i.schemaVersionId)!.sdl,
        build: builds.get(i.name) ?? null,
      })),
    },
    featureFlags,
    headerRules,
  );
  const { json, hash } = serializeRouterConfig(config);
  if (current?.hash === hash) return { hash, changed: false };
  await r.routerConfigs.insert({ graphId: graph.id, compositionId: good.id, hash, config: json, now });
  await publishConfigChange(r.db, { kind: 'config', graphId: graph.id, hash });
  return { hash, changed: true };
}
