import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PLUGIN_MAX_BYTES } from '../../shared/api/plugins.ts';

export type PluginStorageConfig =
  | { kind: 'filesystem'; dir: string }
  | { kind: 's3'; endpoint: string; bucket: string; region: string; accessKeyId: string; secretAccessKey: string };

export interface PluginConfig {
  /** Largest accepted .tar.gz, in bytes. */
  maxBytes: number;
  storage: PluginStorageConfig;
  /**
   * Where an upload is written while it is checked. For a filesystem store it sits
   * inside the store's directory, so moving a checked build in is a same-disk copy.
   */
  stagingDir: string;
}

const S3_VARS = [
  'SWITCHYARD_S3_ENDPOINT',
  'SWITCHYARD_S3_BUCKET',
  'SWITCHYARD_S3_REGION',
  'SWITCHYARD_S3_ACCESS_KEY_ID',
  'SWITCHYARD_S3_SECRET_ACCESS_KEY',
] as const;

/** Spread into the control plane's environment schema. */
export const pluginEnvShape = {
  SWITCHYARD_PLUGIN_STORAGE_DIR: z.string().min(1).optional(),
  SWITCHYARD_PLUGIN_MAX_BYTES: z.coerce
    .number({ error: 'must be a number of bytes, such as 209715200 for 200 MB' })
    .int('must be a whole number of bytes')
    .positive('must be a positive number of bytes')
    .default(DEFAULT_PLUGIN_MAX_BYTES),
  SWITCHYARD_S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://s3.eu-central-1.amazonaws.com or http://127.0.0.1:9000' })
    .optional(),
  SWITCHYARD_S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lowercase letters, digits, "." and "-")')
    .optional(),
  SWITCHYARD_S3_REGION: z.string().regex(/^[a-z0-9-]+$/, 'must be a region such as us-east-1 (MinIO and R2 accept "us-east-1" or "auto")').optional(),
  SWITCHYARD_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  SWITCHYARD_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

type PluginEnv = z.output<z.ZodObject<typeof pluginEnvShape>>;

/** S3 storage needs all five variables; a partial set is a mistake, not a request for the filesystem. */
export function checkPluginStorageEnv(env: Partial<Record<(typeof S3_VARS)[number], string>>, ctx: z.RefinementCtx): void {
  const set = S3_VARS.filter((v) => env[v] !== undefined);
  if (set.length === 0 || set.length === S3_VARS.length) return;
  for (const missing of S3_VARS.filter((v) => env[v] === undefined)) {
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: `is required because ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (S3 plugin storage needs all of ${S3_VARS.join(', ')})`,
    });
  }
}

/**
 * The data dir holds PGlite under pglite/ and builds under plugins/, side by side, unless
 * SWITCHYARD_PLUGIN_STORAGE_DIR says where builds go.
 */
export function pluginConfigFromEnv(env: PluginEnv & { SWITCHYARD_DATA_DIR: string }): PluginConfig {
  const maxBytes = env.SWITCHYARD_PLUGIN_MAX_BYTES;
  if (env.SWITCHYARD_S3_ENDPOINT && env.SWITCHYARD_S3_BUCKET && env.SWITCHYARD_S3_REGION && env.SWITCHYARD_S3_ACCESS_KEY_ID && env.SWITCHYARD_S3_SECRET_ACCESS_KEY) {
    return {
      maxBytes,
      storage: {
        kind: 's3',
        endpoint: env.SWITCHYARD_S3_ENDPOINT,
        bucket: env.SWITCHYARD_S3_BUCKET,
        region: env.SWITCHYARD_S3_REGION,
        accessKeyId: env.SWITCHYARD_S3_ACCESS_KEY_ID,
        secretAccessKey: env.SWITCHYARD_S3_SECRET_ACCESS_KEY,
      },
      // Uploads are staged under this instance's data directory, never in a folder shared machine-wide.
      stagingDir: join(env.SWITCHYARD_PLUGIN_STORAGE_DIR ?? env.SWITCHYARD_DATA_DIR, '.staging'),
    };
  }
  const dir =
    env.SWITCHYARD_PLUGIN_STORAGE_DIR ?? join(env.SWITCHYARD_DATA_DIR, 'plugins');
  return { maxBytes, storage: { kind: 'filesystem', dir }, stagingDir: join(dir, '.staging') };
}
