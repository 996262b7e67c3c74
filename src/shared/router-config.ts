import { z } from 'zod';
import { headerRulesSchema } from './header-rules.ts';

/**
 * The one document a router needs for a federated graph. It is identified by the
 * SHA-256 of its canonical JSON (see canonicalJson), served at a stable URL with an
 * ETag and at an immutable per-hash URL that any HTTP CDN can cache.
 */
export const ROUTER_CONFIG_FORMAT = 1;

export const subgraphKinds = ['standard', 'grpc_plugin', 'grpc_service'] as const;
export const subgraphKindSchema = z.enum(subgraphKinds);
export type SubgraphKind = z.infer<typeof subgraphKindSchema>;

/** protographic's output, which the router needs to call a gRPC subgraph. */
export const grpcMappingSchema = z.object({
  /** generated/service.proto */
  protoSchema: z.string(),
  /** generated/mapping.json, as parsed JSON */
  mapping: z.unknown(),
});
export type GrpcMapping = z.infer<typeof grpcMappingSchema>;

export const pluginBuildRefSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** hex sha256 of the .tar.gz; the router verifies it after download */
  sha256: z.string().regex(/^[a-f0-9]{64}$/),
  size: z.number().int().nonnegative(),
  /** path relative to the control plane's base URL, fetched with the router token */
  downloadPath: z.string(),
  platforms: z.array(z.string()),
});
export type PluginBuildRef = z.infer<typeof pluginBuildRefSchema>;

export const routedSubgraphSchema = z.object({
  name: z.string(),
  kind: subgraphKindSchema,
  /** standard: the GraphQL HTTP URL; grpc_service: the gRPC target (host:port or dns:///…) */
  url: z.string().nullable(),
  /** grpc_plugin only */
  plugin: pluginBuildRefSchema.nullable().default(null),
  /** grpc_plugin and grpc_service */
  grpc: grpcMappingSchema.nullable().default(null),
  /** the subgraph's own SDL, as composed */
  sdl: z.string(),
});
export type RoutedSubgraph = z.infer<typeof routedSubgraphSchema>;

export const servedCompositionSchema = z.object({
  compositionId: z.string(),
  supergraphSdl: z.string(),
  subgraphs: z.array(routedSubgraphSchema),
  /**
   * Which client headers reach the subgraphs (Cosmo's `headers` block). A flag carries its
   * graph's rules. Absent: nothing is forwarded.
   */
  headers: headerRulesSchema.optional(),
});
export type ServedComposition = z.infer<typeof servedCompositionSchema>;

export const featureFlagConfigSchema = servedCompositionSchema.extend({
  name: z.string(),
});
export type FeatureFlagConfig = z.infer<typeof featureFlagConfigSchema>;

export const routerConfigSchema = z.object({
  format: z.literal(ROUTER_CONFIG_FORMAT),
  graph: z.object({ id: z.string(), namespace: z.string(), name: z.string() }),
  base: servedCompositionSchema,
  /** enabled flags that composed; a flag that failed to compose is left out */
  featureFlags: z.array(featureFlagConfigSchema).default([]),
  builtAt: z.string(),
});
export type RouterConfig = z.infer<typeof routerConfigSchema>;

/** JSON with object keys sorted, so equal configs hash equally on every instance. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** Headers shared by router and control plane. */
export const FEATURE_FLAG_HEADER = 'x-feature-flag';
export const FEATURE_FLAG_COOKIE = 'feature_flag';
/** The router names what answered: "base" or "flag:<name>", plus the config hash. */
export const SERVED_BY_HEADER = 'x-switchyard-served-by';
export const CONFIG_HASH_HEADER = 'x-switchyard-config';
export const QUERY_PLAN_HEADER = 'x-include-query-plan';
