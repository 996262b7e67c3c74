import type { QueryPlanRecorder } from './query-plan.ts';

/**
 * Per-request state the HTTP layer hands to the gateway as server context; gateway plugins
 * find it again in the GraphQL context (and in subgraph execution requests).
 */
export interface RequestState {
  plan: QueryPlanRecorder | null;
  /** Set by a plugin when the result carries GraphQL errors, for metrics. */
  hadErrors: boolean;
  /** The request's subgraph calls, cancelled together when the client goes away. */
  calls: ClientCalls;
  /** A JSON body already parsed by the HTTP layer, sent to the engine instead of the bytes. */
  params?: object;
}

/** What a client request cancels: a subgraph call (subgraph-call.ts) or an AbortController. */
export interface Abortable {
  abort(reason: unknown): void;
}

/**
 * The subgraph calls one client request has in flight. A plain set rather than an
 * AbortSignal per request: listening on a signal costs an EventTarget listener per call.
 */
export class ClientCalls {
  private live: Set<Abortable> | null = null;
  private goneWith: { reason: unknown } | null = null;

  /** Tracks a call; one made after the client left is aborted at once. */
  add(call: Abortable): void {
    if (this.goneWith) call.abort(this.goneWith.reason);
    else (this.live ??= new Set()).add(call);
  }

  delete(call: Abortable): void {
    this.live?.delete(call);
  }

  /** The client went away: abort every call still running, and any made later. */
  cancel(reason: unknown): void {
    this.goneWith = { reason };
    const live = this.live;
    this.live = null;
    for (const call of live ?? []) call.abort(reason);
  }
}

const KEY = 'switchyard';

export function serverContextFor(state: RequestState): Record<string, unknown> {
  return { [KEY]: state };
}

export function requestStateOf(context: unknown): RequestState | undefined {
  if (!context || typeof context !== 'object') return undefined;
  return (context as Record<string, RequestState | undefined>)[KEY];
}
