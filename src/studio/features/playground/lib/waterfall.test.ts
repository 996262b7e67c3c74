import { describe, expect, it } from 'vitest';
import { waterfallOf } from './waterfall.ts';
import type { ObservedCall } from '../../../../shared/query-plan.ts';

const fetch = (id: number, subgraph: string, startMs: number, durationMs: number): ObservedCall => ({
  kind: 'Fetch', id, subgraph, operationKind: 'query', operation: '{ a }', variables: [], entities: null, path: [], startMs, durationMs, errors: 0,
});

describe('trace waterfall', () => {
  it('places every observed call on one axis, in start order', () => {
    const calls = [fetch(1, 'products', 0, 5), fetch(3, 'accounts', 10, 10), fetch(2, 'reviews', 6, 4)];
    const { bars, totalMs } = waterfallOf({
      kind: 'QueryPlan', planner: 'rust', engine: 'e', durationMs: 20, plan: null,
      node: { kind: 'Sequence', nodes: [calls[0]!, { kind: 'Parallel', nodes: [calls[1]!, calls[2]!] }] },
      calls,
    });
    expect(totalMs).toBe(20);
    expect(bars.map((b) => [b.fetch.subgraph, b.left, b.width])).toEqual([['products', 0, 25], ['reviews', 30, 20], ['accounts', 50, 50]]);
  });

  it('has no bars without a plan', () => {
    expect(waterfallOf(null).bars).toEqual([]);
  });
});
