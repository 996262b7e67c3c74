import { z } from 'zod';
import { labelsSchema } from '../labels.ts';
import { subgraphKindSchema } from '../router-config.ts';
import {
  compositionErrorSchema,
  compositionOutcomeSchema,
  compositionStatusSchema,
  graphParamsSchema,
  pluginPinFields,
  routingUrlSchema,
  subgraphParamsSchema,
  subgraphSchema,
} from './graphs.ts';

/** Contracts for schema publishing, versions, diffs, checks and composition history. */

/** Larger schemas get 413. The route's body limit leaves room for JSON escaping. */
export const MAX_SCHEMA_BYTES = 5 * 1024 * 1024;
export const SCHEMA_BODY_LIMIT = Math.round(5.5 * 1024 * 1024);

// The 5 MB limit is on UTF-8 bytes and answered with 413 by the server; characters
// never outnumber bytes, so this bound only stops absurd bodies early.
const sdlSchema = z
  .string()
  .min(1, 'The schema (sdl) is empty')
  .max(SCHEMA_BODY_LIMIT, 'Schemas are at most 5 MB');

export const publishSchemaRequestSchema = z.strictObject({
  sdl: sdlSchema,
  /** Creates the subgraph when it does not exist yet (routingUrl needed unless grpc_plugin), or updates it. */
  routingUrl: routingUrlSchema.nullable().optional(),
  type: subgraphKindSchema.optional(),
  labels: labelsSchema.optional(),
  ...pluginPinFields,
});
export type PublishSchemaRequest = z.input<typeof publishSchemaRequestSchema>;

export const schemaVersionSchema = z.object({
  id: z.string(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
});
export type SchemaVersion = z.infer<typeof schemaVersionSchema>;
export const schemaVersionWithSdlSchema = schemaVersionSchema.extend({ sdl: z.string() });
export type SchemaVersionWithSdl = z.infer<typeof schemaVersionWithSdlSchema>;
export const schemaVersionListSchema = z.object({ versions: z.array(schemaVersionSchema) });

export const publishSchemaResponseSchema = z.object({
  subgraph: subgraphSchema,
  version: schemaVersionSchema,
  /** the subgraph did not exist and was created by this publish */
  created: z.boolean(),
  /** the SDL equals the latest version: no new version was made */
  unchanged: z.boolean(),
  compositions: z.array(compositionOutcomeSchema),
});
export type PublishSchemaResponse = z.infer<typeof publishSchemaResponseSchema>;

export const versionParamsSchema = subgraphParamsSchema.extend({
  version: z.coerce.number('Versions are numbers: 1, 2, 3…').int().positive(),
});
export const diffQuerySchema = z.strictObject({
  from: z.coerce.number('from must be a version number').int().positive(),
  to: z.coerce.number('to must be a version number').int().positive(),
});

export const changeCriticalitySchema = z.enum(['breaking', 'dangerous', 'safe']);
export const schemaChangeSchema = z.object({
  /** @graphql-inspector's change type, e.g. FIELD_REMOVED */
  type: z.string(),
  message: z.string(),
  path: z.string().nullable(),
  criticality: changeCriticalitySchema,
});
export type SchemaChange = z.infer<typeof schemaChangeSchema>;

export const schemaDiffSchema = z.object({
  from: schemaVersionSchema,
  to: schemaVersionSchema,
  /** unified text diff of the two SDLs; null when they are too different to diff in time */
  unifiedDiff: z.string().nullable(),
  changes: z.array(schemaChangeSchema),
  /** set when a schema could not be built, so no structured changes could be listed */
  changesError: z.string().nullable(),
});
export type SchemaDiff = z.infer<typeof schemaDiffSchema>;

export const checkSchemaRequestSchema = z.strictObject({ sdl: sdlSchema });

export const graphCheckSchema = z.object({
  graph: z.string(),
  ok: z.boolean(),
  compositionErrors: z.array(compositionErrorSchema),
  /** against the client schema routers serve now; empty when the graph never composed */
  breakingChanges: z.array(schemaChangeSchema),
  /** dangerous and safe changes */
  otherChanges: z.array(schemaChangeSchema),
});
export type GraphCheck = z.infer<typeof graphCheckSchema>;

export const checkSchemaResponseSchema = z.object({
  ok: z.boolean(),
  subgraph: z.string(),
  namespace: z.string(),
  graphs: z.array(graphCheckSchema),
});
export type CheckSchemaResponse = z.infer<typeof checkSchemaResponseSchema>;

export const compositionInputSchema = z.object({
  subgraphId: z.string(),
  name: z.string(),
  kind: subgraphKindSchema,
  url: z.string().nullable(),
  schemaVersionId: z.string(),
  version: z.number(),
});

export const compositionSchema = z.object({
  id: z.string(),
  graph: z.string(),
  status: compositionStatusSchema,
  createdAt: z.string(),
  triggeredBy: z.string(),
  trigger: z.string(),
  subgraphs: z.array(compositionInputSchema),
  errors: z.array(compositionErrorSchema),
  /** true for the composition whose config routers get now */
  served: z.boolean(),
});
export type Composition = z.infer<typeof compositionSchema>;
export const compositionDetailSchema = compositionSchema.extend({
  supergraphSdl: z.string().nullable(),
  clientSchema: z.string().nullable(),
});
export type CompositionDetail = z.infer<typeof compositionDetailSchema>;

export const compositionListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** nextCursor of the previous page */
  cursor: z.string().regex(/^\d+$/, 'Not a valid cursor').optional(),
});
export const compositionListSchema = z.object({
  compositions: z.array(compositionSchema),
  nextCursor: z.string().nullable(),
});
export const compositionParamsSchema = graphParamsSchema.extend({
  compositionId: z.uuid('Not a valid composition id'),
});

/** The schema routers serve now for a graph (from its last good composition). */
export const graphSchemaResponseSchema = z.object({
  compositionId: z.string(),
  composedAt: z.string(),
  supergraphSdl: z.string(),
  clientSchema: z.string(),
});
export type GraphSchemaResponse = z.infer<typeof graphSchemaResponseSchema>;
