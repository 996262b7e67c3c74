import type { ObservedKeySet } from '../../../shared/router-observed-keys.ts';

type Obj = Record<string, unknown>;

/** Routers per graph whose keys are kept; a graph rarely has more staging routers than this. */
const MAX_ROUTERS_PER_GRAPH = 10;
const MAX_PER_TYPE = 50;

/**
 * The entity keys each graph's routers last sent (PUT /api/v1/router/observed-keys), in
 * memory: they are hints for mock key pools, not records, so a restart that forgets them
 * only means the next swap samples instead (decision 0010). One set per router token, the
 * newest push of each; reads merge them, the most recently pushed router first.
 */
export class ObservedKeyStore {
  private readonly byGraph = new Map<string, Map<string, ObservedKeySet>>();

  put(graphId: string, routerTokenId: string, keys: ObservedKeySet): void {
    const routers = this.byGraph.get(graphId) ?? new Map<string, ObservedKeySet>();
    routers.delete(routerTokenId);
    routers.set(routerTokenId, keys);
    if (routers.size > MAX_ROUTERS_PER_GRAPH) routers.delete(routers.keys().next().value!);
    this.byGraph.set(graphId, routers);
  }

  /** A type's keys as the routers sent them (newest first), at most MAX_PER_TYPE, no duplicates. */
  keysOf(graphId: string, type: string): Obj[] {
    const routers = [...(this.byGraph.get(graphId)?.values() ?? [])].reverse();
    const seen = new Map<string, Obj>();
    for (const set of routers) {
      for (const key of set[type] ?? []) {
        if (seen.size >= MAX_PER_TYPE) break;
        seen.set(JSON.stringify(key), key);
      }
    }
    return [...seen.values()];
  }

  /** When a graph is gone (or for tests). */
  forget(graphId: string): void {
    this.byGraph.delete(graphId);
  }
}
