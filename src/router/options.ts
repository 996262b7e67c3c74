import { z } from 'zod';
import { GRPC_CLIENT_KINDS } from '../plugins/grpc/call.ts';
import { parseLogLevel, type LogLevel } from './logger.ts';
import { PLANNERS, type PlannerKind } from './planner.ts';
import { DEFAULT_CORS_ORIGINS } from './router.ts';
import { DEFAULT_MOCK_IDLE_STOP_MS } from './plugin-support.ts';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const envSchema = z.object({
  ROUTER_PORT: port.default(3002),
  ROUTER_HOST: z.string().min(1).default('0.0.0.0'),
  SWITCHYARD_API_URL: z.url('must be an absolute URL such as http://localhost:3000').optional(),
  SWITCHYARD_ROUTER_TOKEN: z.string().min(1).optional(),
  SWITCHYARD_ROUTER_DATA_DIR: z.string().min(1).default('./.switchyard/router'),
  SWITCHYARD_ROUTER_PLUGINS_DIR: z.string().min(1).optional(),
  SWITCHYARD_ROUTER_CORS_ORIGINS: z.string().optional(),
  SWITCHYARD_ROUTER_SUBGRAPH_TIMEOUT_MS: positiveInt.default(10_000),
  SWITCHYARD_ROUTER_DEDUPLICATE: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('true'),
  // Read where gRPC transports are made (unary-transport.ts); checked here so a typo stops the start.
  SWITCHYARD_GRPC_CLIENT: z.enum(GRPC_CLIENT_KINDS, { message: 'must be http2 or grpc-js' }).optional(),
  SWITCHYARD_ROUTER_PLANNER: z.enum(PLANNERS, { message: 'must be rust or js' }).default('rust'),
  SWITCHYARD_ROUTER_MASK_ERRORS: z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default('false'),
  SWITCHYARD_ROUTER_DRAIN_TIMEOUT_MS: positiveInt.default(30_000),
  SWITCHYARD_ROUTER_POLL_INTERVAL_MS: positiveInt.default(10_000),
  SWITCHYARD_ROUTER_MAX_DEPTH: positiveInt.default(15),
  SWITCHYARD_ROUTER_MAX_ALIASES: z.coerce.number().int().min(0).default(30),
  SWITCHYARD_ROUTER_MAX_QUERY_BYTES: positiveInt.default(64 * 1024),
  SWITCHYARD_ROUTER_MAX_BODY_BYTES: positiveInt.default(1024 * 1024),
  SWITCHYARD_ROUTER_MOCK_IDLE_STOP_MS: z.coerce.number().int().min(0).default(DEFAULT_MOCK_IDLE_STOP_MS),
  SWITCHYARD_ROUTER_PLUGIN_IDLE_STOP_MS: z.coerce.number().int().min(0).default(0),
  SWITCHYARD_ROUTER_OBSERVE_KEYS: z.enum(['true', 'false'], { message: 'must be true or false' }).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Every variable the router reads; `switchyard router --help` lists them (help.test.ts holds it to that). */
export const ROUTER_ENV_VARS = Object.keys(envSchema.shape);

export interface RouterEnv {
  port: number;
  host: string;
  controlPlane: { apiUrl: string; token: string } | null;
  dataDir: string;
  pluginsDir: string | undefined;
  corsOrigins: string[];
  subgraphTimeoutMs: number;
  deduplicateSubgraphRequests: boolean;
  planner: PlannerKind;
  maskErrors: boolean;
  drainTimeoutMs: number;
  pollIntervalMs: number;
  limits: { maxDepth: number; maxAliases: number; maxQueryBytes: number; maxBodyBytes: number };
  logLevel: LogLevel | 'silent';
  /** stop idle plugin processes after this long without a call (0: never) */
  pluginIdleStopMs: { mockMs: number; uploadedMs: number };
  /** record entity keys of base-graph traffic for mock key pools (sent to the control plane) */
  observeKeys: boolean;
}

export class RouterConfigError extends Error {
  override name = 'RouterConfigError';
}

/** Reads the router's environment; a bad variable is reported by name. */
export function routerEnv(env: Record<string, string | undefined> = process.env): RouterEnv {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new RouterConfigError(`Invalid router configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.SWITCHYARD_ROUTER_TOKEN) !== Boolean(e.SWITCHYARD_API_URL) && e.SWITCHYARD_ROUTER_TOKEN) {
    throw new RouterConfigError(
      'Invalid router configuration:\n  SWITCHYARD_API_URL: is required with SWITCHYARD_ROUTER_TOKEN',
    );
  }
  return {
    port: e.ROUTER_PORT,
    host: e.ROUTER_HOST,
    controlPlane:
      e.SWITCHYARD_ROUTER_TOKEN && e.SWITCHYARD_API_URL
        ? { apiUrl: e.SWITCHYARD_API_URL, token: e.SWITCHYARD_ROUTER_TOKEN }
        : null,
    dataDir: e.SWITCHYARD_ROUTER_DATA_DIR,
    pluginsDir: e.SWITCHYARD_ROUTER_PLUGINS_DIR,
    corsOrigins: e.SWITCHYARD_ROUTER_CORS_ORIGINS
      ? e.SWITCHYARD_ROUTER_CORS_ORIGINS.split(',')
          .map((o) => o.trim())
          .filter(Boolean)
      : DEFAULT_CORS_ORIGINS,
    subgraphTimeoutMs: e.SWITCHYARD_ROUTER_SUBGRAPH_TIMEOUT_MS,
    deduplicateSubgraphRequests: e.SWITCHYARD_ROUTER_DEDUPLICATE === 'true',
    planner: e.SWITCHYARD_ROUTER_PLANNER,
    maskErrors: e.SWITCHYARD_ROUTER_MASK_ERRORS === 'true',
    drainTimeoutMs: e.SWITCHYARD_ROUTER_DRAIN_TIMEOUT_MS,
    pollIntervalMs: e.SWITCHYARD_ROUTER_POLL_INTERVAL_MS,
    limits: {
      maxDepth: e.SWITCHYARD_ROUTER_MAX_DEPTH,
      maxAliases: e.SWITCHYARD_ROUTER_MAX_ALIASES,
      maxQueryBytes: e.SWITCHYARD_ROUTER_MAX_QUERY_BYTES,
      maxBodyBytes: e.SWITCHYARD_ROUTER_MAX_BODY_BYTES,
    },
    logLevel: parseLogLevel(e.LOG_LEVEL),
    pluginIdleStopMs: { mockMs: e.SWITCHYARD_ROUTER_MOCK_IDLE_STOP_MS, uploadedMs: e.SWITCHYARD_ROUTER_PLUGIN_IDLE_STOP_MS },
    observeKeys: e.SWITCHYARD_ROUTER_OBSERVE_KEYS === 'true',
  };
}
