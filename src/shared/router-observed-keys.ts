import { z } from 'zod';

/** Keys per entity type a router keeps and sends, and a control plane reads back. */
export const MAX_OBSERVED_PER_TYPE = 50;

/**
 * Entity keys a router saw real subgraphs resolve in base-graph traffic, newest first per
 * type (see src/router/observed-keys.ts). The router sends them to the control plane with
 * its router token (PUT graphPaths.routerObservedKeys); they are data values, so no router
 * serves them on its public status surface (decision 0010).
 */
export const observedKeySetSchema = z.record(
  z.string().min(1).max(200),
  z.array(z.record(z.string(), z.unknown())).max(MAX_OBSERVED_PER_TYPE),
);
export type ObservedKeySet = z.infer<typeof observedKeySetSchema>;

export const observedKeysPushSchema = z.object({ keys: observedKeySetSchema });
export type ObservedKeysPush = z.infer<typeof observedKeysPushSchema>;
