import { z } from 'zod';
import { resourceNameSchema } from '../names.ts';
import { API_PREFIX } from './paths.ts';
import { orgParamsSchema } from './organizations.ts';

/**
 * Plugin builds: `.tar.gz` archives in Cosmo's plugin layout (src/schema.graphql,
 * generated/service.proto + mapping.json, bin/<os>_<arch>, plugin.json), uploaded as
 * the raw request body and kept as immutable versions.
 */

export const DEFAULT_PLUGIN_MAX_BYTES = 200 * 1024 * 1024;

/** What the upload endpoint accepts as Content-Type; the body is the archive's bytes. */
export const PLUGIN_BUILD_CONTENT_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'] as const;

export const pluginVersionSchema = z
  .string()
  .min(1, 'Version is required')
  .max(64, 'Version must be at most 64 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._+-]*$/,
    'Version must start with a letter or digit and contain only letters, digits, ".", "_", "+" and "-"',
  );

export const sha256HexSchema = z.string().regex(/^[a-f0-9]{64}$/, 'Not a lowercase hex SHA-256');

export const namespaceParamsSchema = orgParamsSchema.extend({ namespace: resourceNameSchema });
export const pluginParamsSchema = namespaceParamsSchema.extend({ name: resourceNameSchema });
export const pluginBuildParamsSchema = pluginParamsSchema.extend({ version: pluginVersionSchema });
export const routerPluginParamsSchema = z.strictObject({ sha256: sha256HexSchema });

/** Where the service.proto and mapping.json of a build come from. */
export const grpcSourceSchema = z.enum(['archive', 'generated']);

export const pluginBuildSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  plugin: z.string(),
  version: z.string(),
  /** hex SHA-256 of the .tar.gz exactly as uploaded */
  sha256: z.string(),
  /** bytes of the .tar.gz */
  size: z.number(),
  /** Go-style `<os>_<arch>` names of the binaries under bin/, e.g. `linux_amd64` */
  platforms: z.array(z.string()),
  /** an email, or `api-key:<name>` */
  uploadedBy: z.string(),
  createdAt: z.string(),
  grpcSource: grpcSourceSchema,
  /** gRPC service the proto declares, e.g. `ProductsService` */
  serviceName: z.string().nullable(),
  /** for people (viewer role): the archive, as uploaded */
  downloadPath: z.string(),
});
export type PluginBuild = z.infer<typeof pluginBuildSchema>;

export const pluginBuildDetailSchema = pluginBuildSchema.extend({
  schemaSdl: z.string(),
  protoSchema: z.string(),
  /** generated/mapping.json, parsed */
  mapping: z.unknown(),
});
export type PluginBuildDetail = z.infer<typeof pluginBuildDetailSchema>;

export const pluginSchema = z.object({
  id: z.string(),
  namespace: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  buildCount: z.number(),
  /** the newest build, or null when every build is gone */
  latest: pluginBuildSchema.nullable(),
});
export type Plugin = z.infer<typeof pluginSchema>;

export const pluginListSchema = z.object({ plugins: z.array(pluginSchema) });
export type PluginList = z.infer<typeof pluginListSchema>;

/** Newest first. */
export const pluginBuildListSchema = z.object({
  plugin: pluginSchema,
  builds: z.array(pluginBuildSchema),
  /** what runs this plugin, in words: "subgraph products (pinned to 1.2.0)", "feature flag f (subgraph s)" */
  usedBy: z.array(z.string()),
});
export type PluginBuildList = z.infer<typeof pluginBuildListSchema>;

/** 201 with `created: true` for a new version; 200 with `created: false` when this exact archive was uploaded before. */
export const uploadPluginBuildResponseSchema = z.object({
  build: pluginBuildDetailSchema,
  created: z.boolean(),
  /** Follow-up work that failed after the build was safely stored (e.g. rebuilding router configs). */
  warnings: z.array(z.string()).optional(),
});
export type UploadPluginBuildResponse = z.infer<typeof uploadPluginBuildResponseSchema>;

/**
 * `details` of a rejected upload (400): the archive entry at fault, and for schema
 * syntax errors the file, line and column.
 */
export const pluginBuildRejectionDetailsSchema = z.object({
  entry: z.string().optional(),
  file: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
  errors: z.array(z.unknown()).optional(),
});
export type PluginBuildRejectionDetails = z.infer<typeof pluginBuildRejectionDetailsSchema>;

/** Optional plugin.json at the archive root. Unknown fields are allowed and ignored. */
export const pluginManifestSchema = z.looseObject({
  name: resourceNameSchema.optional(),
  version: pluginVersionSchema.optional(),
  description: z.string().max(500, 'description must be at most 500 characters').optional(),
});
export type PluginManifest = z.infer<typeof pluginManifestSchema>;

const plugin = (org: string, namespace: string, name: string) =>
  `${API_PREFIX}/orgs/${org}/namespaces/${encodeURIComponent(namespace)}/plugins/${encodeURIComponent(name)}`;

export const pluginPaths = {
  list: (org: string, namespace: string) => `${API_PREFIX}/orgs/${org}/namespaces/${encodeURIComponent(namespace)}/plugins`,
  plugin,
  builds: (org: string, namespace: string, name: string) => `${plugin(org, namespace, name)}/builds`,
  build: (org: string, namespace: string, name: string, version: string) =>
    `${plugin(org, namespace, name)}/builds/${encodeURIComponent(version)}`,
  download: (org: string, namespace: string, name: string, version: string) =>
    `${plugin(org, namespace, name)}/builds/${encodeURIComponent(version)}/download`,
  /** Routers fetch builds by hash with their router token. */
  routerDownload: (sha256: string) => `${API_PREFIX}/router/plugins/${sha256}`,
} as const;
