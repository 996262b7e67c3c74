import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { ObservedKeySet } from '../shared/router-observed-keys.ts';

/**
 * Entity keys the router has seen a real subgraph resolve in base-graph traffic: the
 * representations of `_entities` calls that came back with an entity. The control plane
 * pre-fills a mock's key pools with them (decision 0010), so a mock hands out keys the
 * real subgraphs know. In memory only, bounded, newest first; flag traffic is never
 * recorded, so a mock's invented keys never feed a pool.
 */
export const MAX_OBSERVED_PER_TYPE = 50;
/** A graph with more entity types than this keeps the ones seen most recently. */
const MAX_TYPES = 200;
/** Per `_entities` call: a big batch says nothing the first few entities do not. */
const MAX_PER_CALL = 20;

type Obj = Record<string, unknown>;

export class ObservedKeys {
  /** Insertion order is recency: re-seeing a key moves it to the end. */
  private readonly byType = new Map<string, Map<string, Obj>>();
  /** Bumped on every change, so a pusher sends only when there is something new. */
  version = 0;

  constructor(private readonly perType = MAX_OBSERVED_PER_TYPE) {}

  record(typename: string, representation: Obj): void {
    let keys = this.byType.get(typename);
    if (!keys) {
      if (this.byType.size >= MAX_TYPES) this.byType.delete(this.byType.keys().next().value!);
      this.byType.set(typename, (keys = new Map()));
    } else {
      // keep the type among the recent ones too
      this.byType.delete(typename);
      this.byType.set(typename, keys);
    }
    const id = JSON.stringify(representation);
    const had = keys.delete(id);
    keys.set(id, representation);
    if (keys.size > this.perType) keys.delete(keys.keys().next().value!);
    // A key seen again changes only the order: not worth sending the set again.
    if (!had) this.version++;
  }

  /** Newest first, per type; `type` keeps one. */
  list(type?: string): ObservedKeySet {
    const out: ObservedKeySet = {};
    for (const [t, keys] of this.byType) {
      if (type && t !== type) continue;
      out[t] = [...keys.values()].reverse();
    }
    return out;
  }
}

/**
 * Records the representations of `_entities` calls whose entity came back (the subgraph
 * knows that key), without `__typename`. The work is a few map operations per entity, at
 * most MAX_PER_CALL per call, after the subgraph answered.
 */
export function useObservedKeys(store: ObservedKeys): GatewayPlugin {
  return {
    onSubgraphExecute({ executionRequest }) {
      const representations = executionRequest.variables?.['representations'];
      if (!Array.isArray(representations)) return;
      return ({ result }) => {
        if (Symbol.asyncIterator in result) return;
        const entities = result.data?.['_entities'];
        if (!Array.isArray(entities)) return;
        const n = Math.min(entities.length, representations.length, MAX_PER_CALL);
        for (let i = 0; i < n; i++) {
          const rep = representations[i] as Obj | null;
          if (entities[i] === null || !rep || typeof rep['__typename'] !== 'string') continue;
          const { __typename, ...key } = rep;
          store.record(__typename, key);
        }
      };
    },
  };
}
