import { defaultPrintFn } from '@graphql-tools/executor-common';
import type { ExecutionResult } from 'graphql';
import { operationOf, ownCopy } from '../plugins/transport/single-flight.ts';
import { abortError, SubgraphCall } from './subgraph-call.ts';
import type { SubgraphExecutionRequest } from './transports.ts';

interface Flight {
  promise: Promise<ExecutionResult>;
  /** The shared call's own cancellation, which its fetch listens to. */
  call: SubgraphCall;
  /** Callers still waiting. */
  waiting: number;
  /** Callers that ever joined; above one, each gets its own copy of the data. */
  joined: number;
}

/**
 * In-flight deduplication of HTTP subgraph queries: identical queries to one subgraph share a
 * call. The engine's own (executor-http's `deduplicateInflightRequests`) hands the shared fetch
 * the first caller's cancellation, so one client leaving failed every other client waiting on
 * it. Here a caller that leaves (its client went away, or its deadline passed) only stops
 * waiting; the shared call is cancelled once no caller waits for it, as the gRPC transports'
 * SingleFlight does. Callers join before the engine serialises the request, and the data is
 * copied only when a call was actually shared (the engine copies it on every call).
 */
export class HttpFlights {
  private readonly inflight = new Map<string, Flight>();

  get size(): number {
    return this.inflight.size;
  }

  /**
   * The answer to `request`, shared with identical queries in flight. `start` sends it with the
   * flight's own call; `caller` is the joining call, whose abort makes it stop waiting.
   * Undefined for a request that is never shared (not a query).
   */
  join(
    subgraphName: string,
    request: SubgraphExecutionRequest,
    caller: SubgraphCall,
    start: (call: SubgraphCall) => Promise<ExecutionResult>,
  ): Promise<ExecutionResult> | undefined {
    // Like the engine: a request whose variables hold files (sent as multipart) is never shared,
    // since two different files print as the same JSON.
    if (operationOf(request) !== 'query' || !isPlainJson(request.variables)) return undefined;
    if (caller.aborted) return Promise.reject(abortError(caller.reason));
    const key = flightKey(subgraphName, request);
    let flight = this.inflight.get(key);
    if (!flight) {
      const call = new SubgraphCall();
      const created: Flight = { promise: start(call), call, waiting: 0, joined: 0 };
      this.inflight.set(key, created);
      // Registered first, so the flight is gone before any caller sees its answer: by then
      // `joined` is final.
      const forget = () => this.forget(key, created);
      created.promise.then(forget, forget);
      flight = created;
    }
    flight.waiting++;
    flight.joined++;
    const joined = flight;
    return new Promise<ExecutionResult>((resolve, reject) => {
      caller.onAbort((reason) => {
        if (--joined.waiting === 0) {
          this.forget(key, joined);
          joined.call.abort(reason);
        }
        reject(abortError(reason));
      });
      joined.promise.then(
        (result) => {
          caller.onAbort(null);
          resolve(joined.joined > 1 ? ownCopy(result) : result);
        },
        (err: unknown) => {
          caller.onAbort(null);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  }

  private forget(key: string, flight: Flight): void {
    if (this.inflight.get(key) === flight) this.inflight.delete(key);
  }
}

/**
 * What makes two calls the same: subgraph, operation, variables and extensions (which carry the
 * headers the header rules chose, so callers with different tokens never share a call). The
 * document is printed by the engine's own printer, whose cache the engine's executor then reuses.
 */
function flightKey(subgraphName: string, request: SubgraphExecutionRequest): string {
  return (
    `${subgraphName}\u0000${request.operationName ?? ''}\u0000${defaultPrintFn(request.document)}` +
    `\u0000${JSON.stringify(request.variables ?? null)}\u0000${JSON.stringify(request.extensions ?? null)}`
  );
}

/** Whether a value is made of JSON's own types only (no File, Blob, stream or other class). */
function isPlainJson(value: unknown): boolean {
  if (value === null || typeof value !== 'object')
    return typeof value !== 'function' && typeof value !== 'bigint';
  if (Array.isArray(value)) return value.every(isPlainJson);
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if (!isPlainJson((value as Record<string, unknown>)[key])) return false;
  return true;
}
