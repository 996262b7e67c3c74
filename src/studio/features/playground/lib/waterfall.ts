import type { QueryPlan } from './query-plan.ts';
import type { ObservedCall } from '../../../../shared/query-plan.ts';

export interface WaterfallBar {
  fetch: ObservedCall;
  /** Percent of the axis, 0–100. */
  left: number;
  width: number;
}

/** Every recorded subgraph call, in start order, placed on a time axis spanning the request. */
export function waterfallOf(plan: QueryPlan | null): { bars: WaterfallBar[]; totalMs: number } {
  const fetches = [...(plan?.calls ?? [])];
  fetches.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
  const end = Math.max(plan?.durationMs ?? 0, ...fetches.map((f) => f.startMs + f.durationMs));
  const totalMs = end > 0 ? end : 1;
  return {
    totalMs,
    bars: fetches.map((f) => ({
      fetch: f,
      left: (f.startMs / totalMs) * 100,
      // A sub-millisecond call still gets a visible sliver.
      width: Math.max((f.durationMs / totalMs) * 100, 0.5),
    })),
  };
}
