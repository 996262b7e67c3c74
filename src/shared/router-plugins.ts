import { z } from 'zod';

/** GET /plugins on a router: the plugin processes it supervises right now. */
export const ROUTER_PLUGINS_PATH = '/plugins';

export const routerPluginStateSchema = z.enum(['starting', 'serving', 'restarting', 'failed', 'stopped', 'idle']);

export const routerPluginStatusSchema = z.object({
  name: z.string(),
  /** the build's identity in the router: `<name>@<first 16 hex of its sha256>` */
  build: z.string(),
  state: routerPluginStateSchema,
  pid: z.number().nullable(),
  restarts: z.number(),
  lastError: z.string().nullable(),
  /** spawn → SERVING of the latest successful start */
  coldStartMs: z.number().nullable(),
  servingSince: z.string().nullable(),
});
export type RouterPluginStatus = z.infer<typeof routerPluginStatusSchema>;

export const routerPluginsResponseSchema = z.object({
  /** false when this router runs without the plugin runtime (transports given by its embedder) */
  supervised: z.boolean(),
  plugins: z.array(routerPluginStatusSchema),
});
export type RouterPluginsResponse = z.infer<typeof routerPluginsResponseSchema>;
