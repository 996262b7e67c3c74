import { z } from 'zod';

/**
 * GET /entity-misses on a router: the last representations a subgraph did not find
 * (`_entities` answered null), newest first; `?flag=<name>` keeps one flag's.
 */
export const ROUTER_MISSES_PATH = '/entity-misses';

export const entityMissSchema = z.object({
  at: z.string(),
  /** "base" or "flag:<name>" */
  servedBy: z.string(),
  /** the subgraph that did not find the key */
  subgraph: z.string(),
  type: z.string(),
  key: z.record(z.string(), z.unknown()),
  /** the generated mock plugin that hands out this type in the flag, when there is one */
  origin: z.object({ plugin: z.string(), subgraph: z.string() }).nullable(),
});
export type EntityMiss = z.infer<typeof entityMissSchema>;

export const entityMissesResponseSchema = z.object({ misses: z.array(entityMissSchema) });
export type EntityMissesResponse = z.infer<typeof entityMissesResponseSchema>;
