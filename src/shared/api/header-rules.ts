import { z } from 'zod';
import { headerRulesSchema } from '../header-rules.ts';

/** Contracts for a graph's header rules (GET/PUT …/graphs/:graph/header-rules). */

export const graphHeaderRulesSchema = z.object({
  graph: z.string(),
  /** the rules, defaults filled in (empty lists where nothing is set) */
  headers: headerRulesSchema,
  /** the router config routers get now; null until the graph composes */
  routerConfigHash: z.string().nullable(),
});
export type GraphHeaderRules = z.infer<typeof graphHeaderRulesSchema>;

/** Replaces all rules at once: what the studio's editor and a pasted router.yaml block send. */
export const updateHeaderRulesRequestSchema = z.strictObject({ headers: headerRulesSchema });
export type UpdateHeaderRulesRequest = z.input<typeof updateHeaderRulesRequestSchema>;

export const headerRulesChangeResultSchema = graphHeaderRulesSchema.extend({
  /** true when the change produced a new router config (routers pick it up) */
  routerConfigChanged: z.boolean(),
});
export type HeaderRulesChangeResult = z.infer<typeof headerRulesChangeResultSchema>;
