import { join } from 'node:path';
import { z } from 'zod';
import { checkPluginStorageEnv, pluginConfigFromEnv, pluginEnvShape, type PluginConfig } from './plugins/plugin-config.ts';
import { checkOidcEnv, oidcConfigFromEnv, oidcEnvShape, type OidcConfig } from './auth/oidc/oidc-config.ts';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.url('must be an absolute URL such as https://switchyard.example.com').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  SWITCHYARD_DATA_DIR: z.string().min(1).default('./.switchyard/data'),
  SWITCHYARD_ADMIN_EMAIL: z.email('must be an email address').optional(),
  SWITCHYARD_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  SWITCHYARD_ORG_NAME: z.string().min(1).max(100).default('Default'),
  SWITCHYARD_SESSION_TTL_HOURS: positiveInt.default(24 * 7),
  SWITCHYARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(5),
  SWITCHYARD_LOGIN_MAX_FAILURES_PER_IP: positiveInt.default(30),
  SWITCHYARD_LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  SWITCHYARD_TRUST_PROXY: bool.default(false),
  SWITCHYARD_STUDIO_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ...pluginEnvShape,
  ...oidcEnvShape,
}).superRefine((env, ctx) => {
  checkPluginStorageEnv(env, ctx);
  checkOidcEnv(env, ctx);
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string | undefined;
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  admin: { email: string | undefined; password: string | undefined; orgName: string };
  sessionTtlMs: number;
  loginLimits: { perAccount: number; perIp: number; windowMs: number };
  trustProxy: boolean;
  studioDir: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  plugins: PluginConfig;
  /** Single sign-on; undefined when SWITCHYARD_OIDC_ISSUER is not set. */
  oidc: OidcConfig | undefined;
  /** false: only the first admin (SWITCHYARD_ADMIN_EMAIL) may still log in with a password, to recover. */
  passwordLogin: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once at start; a bad variable stops the process with its name. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: join(e.SWITCHYARD_DATA_DIR, 'pglite') },
    admin: { email: e.SWITCHYARD_ADMIN_EMAIL, password: e.SWITCHYARD_ADMIN_PASSWORD, orgName: e.SWITCHYARD_ORG_NAME },
    sessionTtlMs: e.SWITCHYARD_SESSION_TTL_HOURS * 3_600_000,
    loginLimits: {
      perAccount: e.SWITCHYARD_LOGIN_MAX_FAILURES_PER_ACCOUNT,
      perIp: e.SWITCHYARD_LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.SWITCHYARD_LOGIN_WINDOW_MINUTES * 60_000,
    },
    trustProxy: e.SWITCHYARD_TRUST_PROXY,
    studioDir: e.SWITCHYARD_STUDIO_DIR,
    logLevel: e.LOG_LEVEL,
    plugins: pluginConfigFromEnv(e),
    oidc: oidcConfigFromEnv(e),
    passwordLogin: e.SWITCHYARD_PASSWORD_LOGIN,
  };
}

/** Every variable the control plane reads; `switchyard start --help` lists them (help.test.ts holds it to that). */
export const CONTROL_PLANE_ENV_VARS = Object.keys(envSchema.shape);
