import { status } from '@grpc/grpc-js';
import { GrpcCallError } from '../grpc/call.ts';

/**
 * Identical calls in flight at the same time share one: the first starts it, the others
 * wait for its answer. The router uses it for query RPCs (never mutations), as Hive
 * Gateway's HTTP executor deduplicates in-flight queries and Cosmo's router uses
 * "single flight". The shared call runs without any one caller's abort signal; a caller
 * that gives up only stops waiting.
 */
export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();

  get size(): number {
    return this.inflight.size;
  }

  run(key: string, start: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    let shared = this.inflight.get(key);
    if (!shared) {
      shared = start();
      this.inflight.set(key, shared);
      const forget = () => {
        if (this.inflight.get(key) === shared) this.inflight.delete(key);
      };
      shared.then(forget, forget);
    }
    return signal ? untilAborted(shared, signal) : shared;
  }
}

/** Request bytes as a map key: the RPC path and the encoded message. */
export function flightKey(path: string, request: Uint8Array): string {
  return `${path}\u0000${Buffer.from(request.buffer, request.byteOffset, request.byteLength).toString('latin1')}`;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new GrpcCallError(status.CANCELLED, 'the call was cancelled'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new GrpcCallError(status.CANCELLED, 'the call was cancelled'));
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
