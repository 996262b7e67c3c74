import type { QueryPlan } from './query-plan.ts';

/** What the last request answered with, beyond the JSON body GraphiQL shows. */
export interface RunInfo {
  /** "base" or "flag:<name>", from the router's X-Switchyard-Served-By header. */
  servedBy: string | null;
  configHash: string | null;
  status: number;
  durationMs: number;
  queryPlan: QueryPlan | null;
  /** The target the request asked for, so a mismatch with servedBy is visible. */
  requestedTarget: string;
  at: number;
  networkError: string | null;
  /** Why the request was never sent (a failed preflight script, an unknown `{{variable}}`). */
  stopped: string | null;
}

export interface RunState {
  running: boolean;
  last: RunInfo | null;
}

type Listener = () => void;

/**
 * A tiny external store (read with useSyncExternalStore). Actions live apart from the
 * state so components that only trigger runs never re-render on results.
 */
export function createRunStore() {
  let state: RunState = { running: false, last: null };
  const listeners = new Set<Listener>();
  const set = (next: RunState) => {
    state = next;
    for (const l of listeners) l();
  };
  return {
    getState: () => state,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions: {
      started: () => set({ ...state, running: true }),
      finished: (last: RunInfo) => set({ running: false, last }),
      reset: () => set({ running: false, last: null }),
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;
export type RunActions = RunStore['actions'];
