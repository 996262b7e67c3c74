import type { QueryPlanRecorder } from './query-plan.ts';

/**
 * Per-request state the HTTP layer hands to the gateway as server context; gateway plugins
 * find it again in the GraphQL context (and in subgraph execution requests).
 */
export interface RequestState {
  plan: QueryPlanRecorder | null;
  /** Set by a plugin when the result carries GraphQL errors, for metrics. */
  hadErrors: boolean;
}

const KEY = 'switchyard';

export function serverContextFor(state: RequestState): Record<string, unknown> {
  return { [KEY]: state };
}

export function requestStateOf(context: unknown): RequestState | undefined {
  if (!context || typeof context !== 'object') return undefined;
  return (context as Record<string, RequestState | undefined>)[KEY];
}
