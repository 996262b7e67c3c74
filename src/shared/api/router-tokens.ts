import { z } from 'zod';
import { displayNameSchema } from '../names.ts';
import { graphParamsSchema } from './graphs.ts';

/** Router tokens: per-graph credentials with which routers fetch their config. */

export const ROUTER_TOKEN_PREFIX = 'syr_';

export const routerTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type RouterToken = z.infer<typeof routerTokenSchema>;
export const routerTokenListSchema = z.object({ routerTokens: z.array(routerTokenSchema) });

export const createRouterTokenRequestSchema = z.strictObject({ name: displayNameSchema });
export type CreateRouterTokenRequest = z.infer<typeof createRouterTokenRequestSchema>;

export const createdRouterTokenSchema = z.object({
  routerToken: routerTokenSchema,
  /** The full secret (`syr_…`), shown this once and never stored in clear. */
  token: z.string(),
});
export type CreatedRouterToken = z.infer<typeof createdRouterTokenSchema>;

export const routerTokenParamsSchema = graphParamsSchema.extend({
  tokenId: z.uuid('Not a valid router token id'),
});

/**
 * The change stream's `config` event data. `url` is the immutable per-hash document,
 * relative to the control plane's base URL.
 */
export const routerConfigEventSchema = z.object({ hash: z.string(), url: z.string() });
export type RouterConfigEvent = z.infer<typeof routerConfigEventSchema>;

/** Response header naming the served config's hash (also the ETag, quoted). */
export const CONFIG_HASH_RESPONSE_HEADER = 'x-switchyard-config-hash';
export const ROUTER_CONFIG_EVENT = 'config';
export const ROUTER_STREAM_HEARTBEAT_MS = 15_000;
