import { z } from 'zod';
import { resourceNameSchema } from '../names.ts';
import { API_PREFIX } from './paths.ts';
import { compositionErrorSchema, graphParamsSchema, namespaceParamsSchema, MAX_URL_LENGTH } from './graphs.ts';
import { schemaChangeSchema, SCHEMA_BODY_LIMIT } from './schema-registry.ts';
import { subgraphKindSchema } from '../router-config.ts';

/** Feature-flag API: shapes shared by the control plane, the studio and the CLI. */

export const swapKinds = ['mock', 'plugin', 'url'] as const;
export const swapKindSchema = z.enum(swapKinds);
export type SwapKind = z.infer<typeof swapKindSchema>;

export const flagParamsSchema = namespaceParamsSchema.extend({ flag: resourceNameSchema });
export const flagSubgraphParamsSchema = flagParamsSchema.extend({ subgraph: resourceNameSchema });
export { graphParamsSchema as flagGraphParamsSchema };

const sdlSchema = z.string().min(1, 'The schema (sdl) is empty').max(SCHEMA_BODY_LIMIT, 'Schemas are at most 5 MB');
const urlSchema = z
  .string()
  .max(MAX_URL_LENGTH, `URLs are at most ${MAX_URL_LENGTH} characters`)
  .superRefine((url, ctx) => {
    let ok = false;
    try {
      const u = new URL(url);
      ok = u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      ok = false;
    }
    if (!ok) ctx.addIssue({ code: 'custom', message: `routingUrl "${url}" is not an absolute http:// or https:// URL` });
  });
const expectedVersionSchema = z.number().int().positive();

export const createFlagRequestSchema = z.strictObject({
  name: resourceNameSchema,
  description: z.string().max(1000, 'Descriptions are at most 1000 characters').optional(),
});
export type CreateFlagRequest = z.input<typeof createFlagRequestSchema>;

export const swapSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('mock'),
    /** the edited SDL; default: the base subgraph's latest */
    sdl: sdlSchema.optional(),
    /** mocks.json, parsed */
    mocks: z.record(z.string(), z.unknown()).optional(),
  }),
  z.strictObject({
    kind: z.literal('plugin'),
    plugin: resourceNameSchema,
    /** default: the newest build, pinned at swap time */
    version: z.string().min(1).max(100).optional(),
  }),
  z.strictObject({
    kind: z.literal('url'),
    routingUrl: urlSchema,
    /** default: the base subgraph's latest SDL, followed as it changes */
    sdl: sdlSchema.optional(),
  }),
]);
export type Swap = z.input<typeof swapSchema>;

export const swapRequestSchema = z.strictObject({ expectedVersion: expectedVersionSchema, swap: swapSchema });
export type SwapRequest = z.input<typeof swapRequestSchema>;

/** A key pool in a mock's mocks.json: keys of an entity another subgraph resolves. */
export const keyPoolSchema = z.object({
  type: z.string(),
  /** the key's field set */
  key: z.string(),
  /** the subgraph that resolves the type, where the keys must exist */
  resolvedBy: z.string(),
  /**
   * where the pool came from: written in mocks.json, seen resolved in base-graph traffic
   * through the staging router, or sampled from the base graph
   */
  source: z.enum(['mocks.json', 'observed', 'sampled']),
  count: z.number().int(),
});
export type KeyPool = z.infer<typeof keyPoolSchema>;

/** What the swap dialog pre-fills for a mock: mocks.json with key pools, and where each pool came from. */
export const mockDefaultsSchema = z.object({
  mocks: z.record(z.string(), z.unknown()),
  keyPools: z.array(keyPoolSchema),
});
export type MockDefaults = z.infer<typeof mockDefaultsSchema>;

export const updateFlagRequestSchema = z
  .strictObject({
    expectedVersion: expectedVersionSchema,
    enabled: z.boolean().optional(),
    description: z.string().max(1000).optional(),
  })
  .refine((b) => b.enabled !== undefined || b.description !== undefined, {
    message: 'Give enabled or description to change',
  });
export type UpdateFlagRequest = z.input<typeof updateFlagRequestSchema>;

export const expectedVersionQuerySchema = z.strictObject({
  expectedVersion: z.coerce.number().int().positive().optional(),
});
export const restoreQuerySchema = z.strictObject({ expectedVersion: z.coerce.number().int().positive() });
export const schemaDiffQuerySchema = z.strictObject({ graph: resourceNameSchema.optional() });

export const flagCompositionSchema = z.object({
  id: z.string(),
  graph: z.string(),
  status: z.enum(['success', 'failed']),
  errors: z.array(compositionErrorSchema),
  trigger: z.string(),
  triggeredBy: z.string(),
  createdAt: z.string(),
});
export type FlagComposition = z.infer<typeof flagCompositionSchema>;

export const featureSubgraphSchema = z.object({
  /** the base subgraph it replaces (and whose name it keeps in the supergraph) */
  subgraph: z.string(),
  kind: swapKindSchema,
  routingUrl: z.string().nullable(),
  plugin: z.string().nullable(),
  pluginVersion: z.string().nullable(),
  /** the SDL given at swap time (null: follows the base subgraph's) */
  sdl: z.string().nullable(),
  mocks: z.unknown().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type FeatureSubgraph = z.infer<typeof featureSubgraphSchema>;

/** A flag's state for one graph it applies to. */
export const flagGraphStateSchema = z.object({
  graph: z.string(),
  /** failed/pending flags are left out of the router config */
  status: z.enum(['composed', 'failed', 'pending']),
  /** the flag is in this graph's current router config */
  live: z.boolean(),
  composition: flagCompositionSchema.nullable(),
});

export const featureFlagSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  name: z.string(),
  description: z.string(),
  labels: z.array(z.string()),
  enabled: z.boolean(),
  version: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  featureSubgraphs: z.array(featureSubgraphSchema),
  graphs: z.array(flagGraphStateSchema),
});
export type FeatureFlag = z.infer<typeof featureFlagSchema>;
export const featureFlagListSchema = z.object({ featureFlags: z.array(featureFlagSchema) });

export const flagSubgraphRowSchema = z.object({
  name: z.string(),
  /** the base subgraph's type */
  baseKind: subgraphKindSchema,
  baseRoutingUrl: z.string().nullable(),
  swap: featureSubgraphSchema.nullable(),
});

export const featureFlagDetailSchema = featureFlagSchema.extend({
  /** per applicable graph: its subgraphs, with the swap each has in this flag */
  graphSubgraphs: z.array(z.object({ graph: z.string(), subgraphs: z.array(flagSubgraphRowSchema) })),
});
export type FeatureFlagDetail = z.infer<typeof featureFlagDetailSchema>;

export const flagCompositionListSchema = z.object({ compositions: z.array(flagCompositionSchema) });
export const flagCompositionQuerySchema = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const flagChangeResultSchema = z.object({ featureFlag: featureFlagSchema });
export type FlagChangeResult = z.infer<typeof flagChangeResultSchema>;

export const typeDiffSchema = z.object({
  type: z.string(),
  change: z.enum(['added', 'removed', 'changed']),
  breaking: z.boolean(),
  changes: z.array(schemaChangeSchema),
});
export const flagSchemaDiffSchema = z.object({
  graph: z.string(),
  baseSdl: z.string(),
  flagSdl: z.string().nullable(),
  types: z.array(typeDiffSchema),
  breaking: z.boolean(),
});
export type FlagSchemaDiff = z.infer<typeof flagSchemaDiffSchema>;

const e = encodeURIComponent;
const ns = (org: string, namespace: string) => `${API_PREFIX}/orgs/${e(org)}/namespaces/${e(namespace)}`;
const flag = (org: string, namespace: string, name: string) => `${ns(org, namespace)}/feature-flags/${e(name)}`;
export const flagPaths = {
  flags: (org: string, namespace: string) => `${ns(org, namespace)}/feature-flags`,
  graphFlags: (org: string, namespace: string, graph: string) => `${ns(org, namespace)}/graphs/${e(graph)}/feature-flags`,
  flag,
  swap: (org: string, namespace: string, name: string, subgraph: string) =>
    `${flag(org, namespace, name)}/subgraphs/${e(subgraph)}`,
  mockDefaults: (org: string, namespace: string, name: string, subgraph: string) =>
    `${flag(org, namespace, name)}/subgraphs/${e(subgraph)}/mock-defaults`,
  compositions: (org: string, namespace: string, name: string) => `${flag(org, namespace, name)}/compositions`,
  schemaDiff: (org: string, namespace: string, name: string, graph?: string) =>
    `${flag(org, namespace, name)}/schema-diff${graph ? `?graph=${e(graph)}` : ''}`,
} as const;
