import { MAX_OBSERVED_PER_TYPE, type ObservedKeySet } from '../shared/router-observed-keys.ts';
import type { CallInspector } from './subgraph-calls.ts';

// Entity keys the router has seen a real subgraph resolve in base-graph traffic: the
// representations of `_entities` calls that came back with an entity. The control plane
// pre-fills a mock's key pools with them (decision 0010), so a mock hands out keys the
// real subgraphs know. In memory only, bounded (MAX_OBSERVED_PER_TYPE per type), newest
// first; flag traffic is never recorded, so a mock's invented keys never feed a pool.

/** A graph with more entity types than this keeps the ones seen most recently. */
const MAX_TYPES = 200;
/** Per recorded `_entities` call: a big batch says little the first few entities do not. */
const MAX_PER_CALL = 10;
/**
 * Per type, at most one call recorded this often: pools need variety over time, not every
 * call, and a skipped call costs one clock read and one map lookup.
 */
const RECORD_EVERY_MS = 100;

type Obj = Record<string, unknown>;

export class ObservedKeys {
  /** Insertion order is recency: re-seeing a key moves it to the end. */
  private readonly byType = new Map<string, Map<string, Obj>>();
  private readonly lastCall = new Map<string, number>();
  /** Bumped when a key is added, so a pusher sends only when there is something new. */
  version = 0;

  constructor(
    private readonly perType = MAX_OBSERVED_PER_TYPE,
    private readonly everyMs = RECORD_EVERY_MS,
  ) {}

  /** Whether to record a call for this type now (and, if so, not again for everyMs). */
  wants(typename: string, now = Date.now()): boolean {
    const last = this.lastCall.get(typename);
    if (last !== undefined && now - last < this.everyMs) return false;
    if (last === undefined && this.lastCall.size >= MAX_TYPES) this.lastCall.clear();
    this.lastCall.set(typename, now);
    return true;
  }

  /** Keys of one type; each representation without `__typename`. */
  record(typename: string, keys: Obj[]): void {
    let known = this.byType.get(typename);
    if (known)
      this.byType.delete(typename); // re-inserted below: the type is recent again
    else if (this.byType.size >= MAX_TYPES) this.byType.delete(this.byType.keys().next().value!);
    known ??= new Map();
    this.byType.set(typename, known);
    for (const key of keys) {
      const id = JSON.stringify(key);
      // A key seen again changes only the order: not worth sending the set again.
      if (!known.delete(id)) this.version++;
      known.set(id, key);
      if (known.size > this.perType) known.delete(known.keys().next().value!);
    }
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
 * knows that key), without `__typename`: at most one call per type every RECORD_EVERY_MS,
 * MAX_PER_CALL entities of it, after the subgraph answered.
 */
export function observedKeyCalls(store: ObservedKeys): CallInspector {
  return ({ request }) => {
    const representations = request.variables?.['representations'];
    if (!Array.isArray(representations)) return;
    const typename = (representations[0] as Obj | undefined)?.['__typename'];
    if (typeof typename !== 'string' || !store.wants(typename)) return;
    return (result) => {
      const entities = result.data?.['_entities'];
      if (!Array.isArray(entities)) return;
      const keys: Obj[] = [];
      const n = Math.min(entities.length, representations.length);
      for (let i = 0; i < n && keys.length < MAX_PER_CALL; i++) {
        const rep = representations[i] as Obj | null;
        // One type per call is what planners send; another type waits for its own call.
        if (entities[i] === null || !rep || rep['__typename'] !== typename) continue;
        const { __typename: _t, ...key } = rep;
        keys.push(key);
      }
      if (keys.length) store.record(typename, keys);
    };
  };
}
