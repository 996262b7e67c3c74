import { status } from '@grpc/grpc-js';
import type { ExecutionRequest } from '@graphql-tools/utils';
import { getOperationAST, type ExecutionResult } from 'graphql';
import { GrpcCallError } from '../grpc/call.ts';

/**
 * Identical calls in flight at the same time share one: the first starts it, the others
 * wait for its answer. The gRPC executor uses it for whole query executions and for query
 * RPCs (never mutations), as Hive Gateway's HTTP executor deduplicates in-flight queries
 * and Cosmo's router uses "single flight". A caller that gives up only stops waiting; the
 * shared call is cancelled (through the signal `start` receives) once every caller has
 * given up, so a call nobody waits for does not run on to its deadline.
 */
interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  /** callers still waiting; one without a signal can never give up, so it always counts */
  waiting: number;
}

export class SingleFlight<T> {
  private readonly inflight = new Map<string, Flight<T>>();

  get size(): number {
    return this.inflight.size;
  }

  run(key: string, start: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelled());
    let flight = this.inflight.get(key);
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = { promise: start(controller.signal), controller, waiting: 0 };
      flight = created;
      this.inflight.set(key, created);
      const forget = () => this.forget(key, created);
      created.promise.then(forget, forget);
    }
    flight.waiting++;
    if (!signal) return flight.promise;
    const joined = flight;
    return untilAborted(joined.promise, signal, () => {
      if (--joined.waiting > 0) return;
      this.forget(key, joined);
      joined.controller.abort(cancelled());
    });
  }

  private forget(key: string, flight: Flight<T>): void {
    if (this.inflight.get(key) === flight) this.inflight.delete(key);
  }
}

/** Request bytes as a map key: the RPC path and the encoded message. */
export function flightKey(path: string, request: Uint8Array, metadata?: Record<string, string>): string {
  // Calls with different metadata (another caller's token) never share an answer.
  const meta = metadata ? `${JSON.stringify(metadata)}\u0000` : '';
  return `${meta}${path}\u0000${Buffer.from(request.buffer, request.byteOffset, request.byteLength).toString('latin1')}`;
}

const cancelled = () => new GrpcCallError(status.CANCELLED, 'the call was cancelled');

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal, onGiveUp: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      onGiveUp();
      reject(cancelled());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/** The kind of operation a request runs: only queries are ever shared. */
export function operationOf(request: ExecutionRequest): string | undefined {
  return request.operationType ?? getOperationAST(request.document, request.operationName)?.operation;
}

/** A shared answer, with data of its own for one caller: the gateway annotates and merges into it. */
export function ownCopy<T extends ExecutionResult>(result: T): T {
  return result.data ? { ...result, data: structuredClone(result.data) } : result;
}
