import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { requestStateOf } from './request-state.ts';
import { subgraphError, type SubgraphExecutionRequest, type SubgraphExecutor } from './transports.ts';

type Result = Awaited<ReturnType<SubgraphExecutor>>;

/** The abort reason of a call that has already answered (one object: no DOMException per call). */
const SETTLED = Object.freeze({ name: 'SettledError', message: 'the subgraph call has settled' });

// Codes the engine's transports use for "could not talk to the subgraph" (as opposed to
// errors the subgraph itself returned, which pass through untouched).
const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'GATEWAY_TIMEOUT', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * Every subgraph call, whatever its transport: a deadline (the call's signal aborts when it
 * passes, or when the client goes away), and transport failures (refused connection, timeout,
 * non-GraphQL answer) turned into errors that name the subgraph and carry no HTTP status of
 * their own, so only that subgraph's fields fail and the response stays a 200 with partial data.
 *
 * The deadline is ours rather than the engine's `upstreamTimeout`: that one combines abort
 * signals per call and halved the router's throughput in bench/router.ts.
 */
export function useSubgraphCalls(timeoutMs: number): GatewayPlugin {
  const fetchSignals = new WeakMap<object, { request: unknown; signal: AbortSignal }>();
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor, transportEntry }) {
      const http = transportEntry?.kind === 'http';
      const fail = (err: unknown): Result => ({ errors: [describe(subgraphName, err, timeoutMs)] });
      const check = (result: Result): Result => {
        if (Symbol.asyncIterator in result || !result.errors?.some(isTransportError)) return result;
        return {
          ...result,
          errors: result.errors.map((e) => (isTransportError(e) ? describe(subgraphName, e, timeoutMs) : e)),
        };
      };
      const wrapped = (request: SubgraphExecutionRequest) => {
        const controller = new AbortController();
        // The client's request: an engine-provided signal, else the router's own tracking.
        const upstream = request.signal;
        const client = upstream ? undefined : requestStateOf(request.context)?.calls;
        const onAbort = () => controller.abort(upstream?.reason);
        if (upstream?.aborted) controller.abort(upstream.reason);
        else upstream?.addEventListener('abort', onAbort, { once: true });
        client?.add(controller);
        let timer: NodeJS.Timeout | undefined;
        const done = (result: Result): Result => {
          clearTimeout(timer);
          // A stream (subscription) outlives this call and must still stop when the client leaves.
          if (Symbol.asyncIterator in result) return result;
          upstream?.removeEventListener('abort', onAbort);
          client?.delete(controller);
          // Given on the request, the engine's HTTP executor ties this signal to one that lives
          // as long as the gateway and unties it only when this one aborts or is garbage
          // collected; until then every call adds a listener to a list each new call walks.
          // Ending it now keeps that list to the calls in flight.
          if (!viaFetch && !controller.signal.aborted) controller.abort(SETTLED);
          return result;
        };
        // HTTP calls get the signal at fetch time (onFetch below) rather than on the request,
        // so the engine has no signals to combine (bench/router.ts: from 10-24% behind the
        // engine's own upstreamTimeout to ahead of it).
        const key = http && !upstream ? request.info : undefined;
        const viaFetch = key?.executionRequest !== undefined;
        if (viaFetch) fetchSignals.set(key!, { request: key!.executionRequest, signal: controller.signal });
        let pending;
        try {
          pending = executor(viaFetch ? request : { ...request, signal: controller.signal });
        } catch (err) {
          return done(fail(err));
        }
        if (!isPromise(pending)) return done(check(pending));
        // The answer or the deadline, whichever comes first (one promise per call, not a race of two).
        return new Promise<Result>((resolve, reject) => {
          timer = setTimeout(() => {
            controller.abort(new DOMException(`Subgraph "${subgraphName}" timed out`, 'TimeoutError'));
            resolve({ errors: [timeoutError(subgraphName, timeoutMs)] });
          }, timeoutMs);
          pending.then(check, fail).then(resolve, reject);
        }).then(done);
      };
      setExecutor(wrapped as SubgraphExecutor);
    },
    onFetch({ info, executionRequest, options, setOptions }) {
      const call = info ? fetchSignals.get(info) : undefined;
      // The engine sets info.executionRequest per call; a mismatch would mean another call
      // reused the info object, and then this one keeps the engine's own signal.
      if (call && call.request === executionRequest) setOptions({ ...options, signal: call.signal });
    },
  };
}

function timeoutError(subgraph: string, timeoutMs: number): GraphQLError {
  return subgraphError(
    subgraph,
    `Subgraph "${subgraph}" did not answer within ${timeoutMs} ms`,
    'SUBGRAPH_TIMEOUT',
  );
}

function isTransportError(error: unknown): boolean {
  const code = (error as GraphQLError | undefined)?.extensions?.['code'];
  return typeof code === 'string' && TRANSPORT_CODES.has(code);
}

function describe(subgraph: string, err: unknown, timeoutMs: number): GraphQLError {
  const e = err as { message?: string; name?: string; extensions?: Record<string, unknown> };
  const message = e?.message ?? String(err);
  if (e?.extensions?.['code'] === 'GATEWAY_TIMEOUT' || e?.name === 'TimeoutError')
    return timeoutError(subgraph, timeoutMs);
  if (err instanceof GraphQLError && !isTransportError(err)) return err;
  return subgraphError(subgraph, `Subgraph "${subgraph}" is unavailable: ${message}`, 'SUBGRAPH_UNAVAILABLE');
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}
