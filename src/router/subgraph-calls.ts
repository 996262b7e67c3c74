import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { requestStateOf } from './request-state.ts';
import type { HttpFlights } from './http-flights.ts';
import { SubgraphCall } from './subgraph-call.ts';
import { subgraphError, type SubgraphExecutionRequest, type SubgraphExecutor } from './transports.ts';

type Result = Awaited<ReturnType<SubgraphExecutor>>;
/** A subgraph's answer that is not a stream. */
export type CallResult = ExecutionResult<Record<string, unknown>>;

/** One subgraph call as the router's inspectors see it before it goes out. */
export interface InspectedCall {
  subgraphName: string;
  request: SubgraphExecutionRequest;
  /** The subgraph's schema (built on first use by the engine). */
  schema(): GraphQLSchema | undefined;
}

/**
 * Looks at a call before it goes out and returns what to run on its answer (streams excepted),
 * or nothing when the call does not concern it. What that returns replaces the answer.
 */
export type CallInspector = (call: InspectedCall) => ((result: CallResult) => CallResult | void) | void;

export interface SubgraphCallOptions {
  /** Per call. */
  timeoutMs: number;
  /** Changes the request before anything else sees it (the header rules). */
  prepare?: (subgraphName: string, request: SubgraphExecutionRequest) => void;
  /** Run in order on every call, after the deadline and transport errors are applied. */
  inspectors: CallInspector[];
  /** In-flight sharing of identical HTTP queries; unset: every call goes out. */
  flights?: HttpFlights;
}

/** The abort reason of a call that has already answered (one object: no DOMException per call). */
const SETTLED = Object.freeze({ name: 'SettledError', message: 'the subgraph call has settled' });

// Codes the engine's transports use for "could not talk to the subgraph" (as opposed to
// errors the subgraph itself returned, which pass through untouched).
const TRANSPORT_CODES = new Set(['SUBREQUEST_HTTP_ERROR', 'GATEWAY_TIMEOUT', 'DOWNSTREAM_SERVICE_ERROR']);

/**
 * An HTTP call, kept on the engine's per-call `info` object for the fetch that carries it
 * (callOfFetch). A property rather than a WeakMap: a WeakMap entry per call made the garbage
 * collector's ephemeron work the larger part of this plugin's cost.
 */
const CALL = Symbol('switchyard.subgraphCall');
type WithCall = { [CALL]?: { request: unknown; call: SubgraphCall } };

/**
 * The call an engine fetch carries, from the `info` and execution request of its onFetch hook.
 * The engine sets info.executionRequest per call; a mismatch would mean another call reused the
 * info object, and then the fetch has no call of ours.
 */
export function callOfFetch(info: unknown, executionRequest: unknown): SubgraphCall | undefined {
  const entry = info && typeof info === 'object' ? (info as WithCall)[CALL] : undefined;
  return entry && entry.request === executionRequest ? entry.call : undefined;
}

/**
 * The router's one hook on subgraph calls, whatever their transport:
 * - a deadline (the call aborts when it passes, or when the client goes away; a SubgraphCall,
 *   which makes an AbortSignal only for a transport that asks for one: decision 0019);
 * - transport failures (refused connection, timeout, non-GraphQL answer) turned into errors
 *   that name the subgraph and carry no HTTP status of their own, so only that subgraph's
 *   fields fail and the response stays a 200 with partial data;
 * - the header rules (`prepare`) and the inspectors (query plan, entity misses, observed keys);
 * - in-flight sharing of identical HTTP queries (`flights`).
 *
 * One hook rather than a plugin each, so the order of these steps is in one place (the engine's
 * cost per extra hook measured small; what was costly was an AbortSignal per call).
 *
 * The deadline is ours rather than the engine's `upstreamTimeout`: that one combines abort
 * signals per call and halved the router's throughput in bench/router.ts.
 */
export function useSubgraphCalls({ timeoutMs, prepare, inspectors, flights }: SubgraphCallOptions): GatewayPlugin {
  return {
    onSubgraphExecute(payload) {
      const { subgraphName, executor, setExecutor, transportEntry } = payload;
      const http = transportEntry?.kind === 'http';
      // `subgraph` is a getter on the engine's hook context (it builds the schema): read it only when asked.
      const schema = () => payload.subgraph as GraphQLSchema | undefined;
      const fail = (err: unknown): Result => ({ errors: [describe(subgraphName, err, timeoutMs)] });
      const check = (result: Result): Result => {
        if (Symbol.asyncIterator in result || !result.errors?.some(isTransportError)) return result;
        return {
          ...result,
          errors: result.errors.map((e) => (isTransportError(e) ? describe(subgraphName, e, timeoutMs) : e)),
        };
      };
      const wrapped = (request: SubgraphExecutionRequest) => {
        prepare?.(subgraphName, request);
        let after: ((result: CallResult) => CallResult | void)[] | undefined;
        for (const inspect of inspectors) {
          const then = inspect({ subgraphName, request, schema });
          if (then) (after ??= []).push(then);
        }
        const call = new SubgraphCall();
        // The client's request: an engine-provided signal, else the router's own tracking.
        const upstream = request.signal;
        const client = upstream ? undefined : requestStateOf(request.context)?.calls;
        const onAbort = () => call.abort(upstream?.reason);
        if (upstream?.aborted) call.abort(upstream.reason);
        else upstream?.addEventListener('abort', onAbort, { once: true });
        client?.add(call);
        let timer: NodeJS.Timeout | undefined;
        const done = (result: Result): Result => {
          clearTimeout(timer);
          // A stream (subscription) outlives this call and must still stop when the client leaves.
          if (Symbol.asyncIterator in result) return result;
          upstream?.removeEventListener('abort', onAbort);
          client?.delete(call);
          // Given on the request, the engine's HTTP executor ties this signal to one that lives
          // as long as the gateway and unties it only when this one aborts or is garbage
          // collected; until then every call adds a listener to a list each new call walks.
          // Ending it now keeps that list to the calls in flight.
          if (!viaFetch) call.abort(SETTLED);
          if (after) for (const then of after) result = then(result as CallResult) ?? result;
          return result;
        };
        // HTTP calls are found again at fetch time (callOfFetch) rather than given a signal on
        // the request, so the engine has no signals to combine (bench/router.ts: from 10-24%
        // behind the engine's own upstreamTimeout to ahead of it), and the router's HTTP client
        // needs no signal at all.
        const key = http && !upstream ? request.info : undefined;
        const viaFetch = key?.executionRequest !== undefined;
        // The fetch that carries this request stops when `carrier` aborts.
        const send = (carrier: SubgraphCall) => {
          (key as WithCall)[CALL] = { request: key!.executionRequest, call: carrier };
          return executor(request);
        };
        let pending: Result | Promise<Result>;
        try {
          if (viaFetch) {
            const shared = flights?.join(subgraphName, request, call, (flight) =>
              Promise.resolve(send(flight) as CallResult | Promise<CallResult>),
            );
            pending = shared ?? (send(call) as Result | Promise<Result>);
          } else pending = executor({ ...request, signal: call.signal }) as Result | Promise<Result>;
        } catch (err) {
          return done(fail(err));
        }
        if (!isPromise(pending)) return done(check(pending));
        // The answer or the deadline, whichever comes first (one promise per call, not a race of two).
        return new Promise<Result>((resolve, reject) => {
          timer = setTimeout(() => {
            call.abort(new DOMException(`Subgraph "${subgraphName}" timed out`, 'TimeoutError'));
            resolve({ errors: [timeoutError(subgraphName, timeoutMs)] });
          }, timeoutMs);
          pending.then(check, fail).then(resolve, reject);
        }).then(done);
      };
      setExecutor(wrapped as SubgraphExecutor);
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
