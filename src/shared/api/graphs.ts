import { z } from 'zod';
import { resourceNameSchema } from '../names.ts';
import { labelMatchersSchema, labelsSchema } from '../labels.ts';
import { subgraphKindSchema, type SubgraphKind } from '../router-config.ts';
import { orgParamsSchema } from './organizations.ts';
import { pluginVersionSchema } from './plugins.ts';

/** Contracts for namespaces, federated graphs and subgraphs (the graph registry). */

export const DEFAULT_NAMESPACE = 'default';
export const MAX_URL_LENGTH = 2048;

export const namespaceParamsSchema = orgParamsSchema.extend({ namespace: resourceNameSchema });
export const graphParamsSchema = namespaceParamsSchema.extend({ graph: resourceNameSchema });
export const subgraphParamsSchema = namespaceParamsSchema.extend({ subgraph: resourceNameSchema });

export const namespaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  graphCount: z.number(),
  subgraphCount: z.number(),
});
export type Namespace = z.infer<typeof namespaceSchema>;
export const namespaceListSchema = z.object({ namespaces: z.array(namespaceSchema) });
export const createNamespaceRequestSchema = z.strictObject({ name: resourceNameSchema });

/** Why a routing URL does not suit a subgraph of this type, or null when it does. */
export function routingUrlProblem(kind: SubgraphKind, url: string | null | undefined): string | null {
  // A plugin runs beside the router, which reaches it through its build reference.
  if (kind === 'grpc_plugin') return null;
  if (!url) return `A ${kind} subgraph needs a routingUrl`;
  if (kind === 'standard') return httpUrlProblem(url, 'routingUrl');
  // gRPC targets as grpc-js takes them.
  return /^(dns:\/\/\/)?[A-Za-z0-9.-]+:\d{1,5}$|^unix:\/{0,3}[^\s]+$/.test(url)
    ? null
    : `routingUrl "${url}" is not a gRPC target; use host:port, dns:///host:port or unix:/path/to/socket`;
}

export function httpUrlProblem(url: string, field: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${field} "${url}" is not an absolute URL; use for example http://localhost:4001/graphql`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    return `${field} must be an http:// or https:// URL`;
  return null;
}

const httpUrlSchema = z
  .string()
  .max(MAX_URL_LENGTH, `URLs are at most ${MAX_URL_LENGTH} characters`)
  .superRefine((url, ctx) => {
    const problem = httpUrlProblem(url, 'routingUrl');
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const routingUrlSchema = z
  .string()
  .min(1)
  .max(MAX_URL_LENGTH, `URLs are at most ${MAX_URL_LENGTH} characters`);

export const compositionErrorSchema = z.object({
  message: z.string(),
  subgraph: z.string().nullable(),
  code: z.string().nullable(),
  line: z.number().nullable(),
  column: z.number().nullable(),
});
export type CompositionError = z.infer<typeof compositionErrorSchema>;

export const compositionStatusSchema = z.enum(['success', 'failed']);

export const compositionSummarySchema = z.object({
  id: z.string(),
  status: compositionStatusSchema,
  createdAt: z.string(),
  /** who caused it: an email, `api-key:<name>` or `system:<what>` */
  triggeredBy: z.string(),
  /** what caused it, in words: "schema of products published (v3)" */
  trigger: z.string(),
  errorCount: z.number(),
});
export type CompositionSummary = z.infer<typeof compositionSummarySchema>;

/** The result of recomposing one graph after a change. */
export const compositionOutcomeSchema = z.object({
  graph: z.string(),
  compositionId: z.string(),
  status: compositionStatusSchema,
  errors: z.array(compositionErrorSchema),
  /** The config routers get after this change; unchanged after a failure. */
  routerConfigHash: z.string().nullable(),
  routerConfigChanged: z.boolean(),
});
export type CompositionOutcome = z.infer<typeof compositionOutcomeSchema>;

/**
 * composed: the latest composition succeeded; failed: it did not (routers keep the last
 * good config, if any); pending: never composed (no subgraph with a schema yet).
 */
export const graphStatusSchema = z.enum(['composed', 'failed', 'pending']);

export const graphSchema = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  routingUrl: z.string(),
  labelMatchers: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: graphStatusSchema,
  subgraphCount: z.number(),
  latestComposition: compositionSummarySchema.nullable(),
  /** The composition routers are served, which after a failure is older than the latest. */
  lastGoodComposition: compositionSummarySchema.nullable(),
  routerConfig: z.object({ hash: z.string(), createdAt: z.string() }).nullable(),
});
export type Graph = z.infer<typeof graphSchema>;
export const graphListSchema = z.object({ graphs: z.array(graphSchema) });

export const subgraphVersionInfoSchema = z.object({
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});

export const subgraphSchema = z.object({
  id: z.string(),
  name: z.string(),
  namespace: z.string(),
  type: subgraphKindSchema,
  routingUrl: z.string().nullable(),
  labels: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  latestVersion: subgraphVersionInfoSchema.nullable(),
  /** names of the graphs whose label matchers match this subgraph's labels */
  graphs: z.array(z.string()),
  /** grpc_plugin only (null otherwise): the plugin it runs, and the pinned build or null for the newest */
  plugin: z.object({ name: z.string(), version: z.string().nullable() }).nullable(),
});
export type Subgraph = z.infer<typeof subgraphSchema>;
export const subgraphListSchema = z.object({ subgraphs: z.array(subgraphSchema) });

export const graphDetailSchema = graphSchema.extend({ subgraphs: z.array(subgraphSchema) });
export type GraphDetail = z.infer<typeof graphDetailSchema>;

export const createGraphRequestSchema = z.strictObject({
  name: resourceNameSchema,
  routingUrl: httpUrlSchema,
  labelMatchers: labelMatchersSchema.default([]),
});
export type CreateGraphRequest = z.input<typeof createGraphRequestSchema>;

export const updateGraphRequestSchema = z
  .strictObject({ routingUrl: httpUrlSchema.optional(), labelMatchers: labelMatchersSchema.optional() })
  .refine(
    (b) => b.routingUrl !== undefined || b.labelMatchers !== undefined,
    'Send routingUrl and/or labelMatchers',
  );
export type UpdateGraphRequest = z.input<typeof updateGraphRequestSchema>;

export const graphChangeResultSchema = z.object({
  graph: graphSchema,
  compositions: z.array(compositionOutcomeSchema),
});

/**
 * grpc_plugin subgraphs only. pluginName: the plugin it runs (null: the subgraph's own
 * name); pluginVersion: the build it is pinned to (null: always the newest build).
 */
export const pluginPinFields = {
  pluginName: resourceNameSchema.nullable().optional(),
  pluginVersion: pluginVersionSchema.nullable().optional(),
};

export const createSubgraphRequestSchema = z.strictObject({
  name: resourceNameSchema,
  type: subgraphKindSchema.default('standard'),
  routingUrl: routingUrlSchema.nullable().optional(),
  labels: labelsSchema.default([]),
  ...pluginPinFields,
});
export type CreateSubgraphRequest = z.input<typeof createSubgraphRequestSchema>;

export const updateSubgraphRequestSchema = z
  .strictObject({
    type: subgraphKindSchema.optional(),
    routingUrl: routingUrlSchema.nullable().optional(),
    labels: labelsSchema.optional(),
    ...pluginPinFields,
  })
  .refine(
    (b) =>
      b.type !== undefined ||
      b.routingUrl !== undefined ||
      b.labels !== undefined ||
      b.pluginName !== undefined ||
      b.pluginVersion !== undefined,
    'Send type, routingUrl and/or labels (or pluginName, pluginVersion)',
  );
export type UpdateSubgraphRequest = z.input<typeof updateSubgraphRequestSchema>;

export const subgraphChangeResultSchema = z.object({
  subgraph: subgraphSchema,
  compositions: z.array(compositionOutcomeSchema),
});

export const deletedResultSchema = z.object({
  deleted: z.string(),
  compositions: z.array(compositionOutcomeSchema),
});
