import { createHash } from 'node:crypto';
import { hasHeaderRules, type HeaderRules } from '../../../shared/header-rules.ts';
import {
  canonicalJson,
  ROUTER_CONFIG_FORMAT,
  type FeatureFlagConfig,
  type RouterConfig,
  type RoutedSubgraph,
} from '../../../shared/router-config.ts';
import type { CompositionInput } from '../../db/schema.ts';
import type { ResolvedPluginBuild } from '../../plugins/resolve-build.ts';

export interface ComposedGraph {
  graph: { id: string; namespace: string; name: string };
  composition: { id: string; createdAt: Date; supergraphSdl: string };
  subgraphs: RoutableInput[];
}

/** A composed subgraph, with the plugin build it runs when it is a grpc_plugin. */
export type RoutableInput = CompositionInput & { sdl: string; build?: Pick<ResolvedPluginBuild, 'ref' | 'grpc'> | null };

/**
 * Builds a router config. `builtAt` is the base composition's time, not the clock's, so
 * that rebuilding the same inputs yields the same bytes and the same hash, and routers
 * are not told about a change that is none.
 */
export function buildRouterConfig(
  input: ComposedGraph,
  featureFlags: FeatureFlagConfig[] = [],
  headerRules?: HeaderRules,
): RouterConfig {
  // Flags inherit their graph's header rules. Left out when they forward nothing, so a
  // graph without rules hashes as it did before rules existed.
  const headers = headerRules && hasHeaderRules(headerRules) ? { headers: headerRules } : {};
  return {
    format: ROUTER_CONFIG_FORMAT,
    graph: input.graph,
    base: {
      compositionId: input.composition.id,
      supergraphSdl: input.composition.supergraphSdl,
      subgraphs: input.subgraphs.map(routedSubgraph),
      ...headers,
    },
    featureFlags: featureFlags.map((flag) => ({ ...flag, ...headers })),
    builtAt: input.composition.createdAt.toISOString(),
  };
}

export function routedSubgraph(s: RoutableInput): RoutedSubgraph {
  const plugin = s.kind === 'grpc_plugin' ? (s.build ?? null) : null;
  return {
    name: s.name,
    kind: s.kind,
    // A plugin is reached through its build reference, not a URL.
    url: s.kind === 'grpc_plugin' ? null : s.url,
    plugin: plugin?.ref ?? null,
    grpc: plugin?.grpc ?? null,
    sdl: s.sdl,
  };
}

/** The canonical JSON that is stored, hashed and served byte for byte. */
export function serializeRouterConfig(config: RouterConfig): { json: string; hash: string } {
  const json = canonicalJson(config);
  return { json, hash: createHash('sha256').update(json).digest('hex') };
}
