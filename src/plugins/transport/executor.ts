import { status as grpcStatus } from '@grpc/grpc-js';
import type { ExecutionRequest, Executor } from '@graphql-tools/utils';
import { execute, GraphQLError, print, type ExecutionResult } from 'graphql';
import type { UnaryTransport } from '../grpc/call.ts';
import { createUnaryTransport } from '../grpc/unary-transport.ts';
import { Batcher } from './batcher.ts';
import { flightKey, operationOf, ownCopy, SingleFlight } from './single-flight.ts';
import {
  compileSubgraph,
  type CompiledSubgraph,
  type GrpcSubgraphSource,
} from '../mapping/compiled-subgraph.ts';
import { createResolvers, type RequestContext } from './resolvers.ts';

/**
 * A graphql-tools Executor for a gRPC subgraph (plugin or grpc_service): what a Hive
 * gateway transport's getSubgraphExecutor returns. The gateway plans the query and
 * sends this subgraph its part; the executor answers it with batched RPCs and shapes
 * the result exactly as the selection set asks (aliases, fragments, __typename).
 */
export interface GrpcChannel {
  /** the transport for the next call; a plugin channel waits (bounded) through a restart */
  transport(waitMs: number, signal?: AbortSignal): Promise<UnaryTransport>;
  close?(): void;
}

export interface GrpcExecutorOptions extends GrpcSubgraphSource {
  channel: GrpcChannel;
  /** deadline of each RPC (default 10 s) */
  callTimeoutMs?: number;
  /** how long a call waits for a starting or restarting plugin (default: callTimeoutMs) */
  waitForPluginMs?: number;
  /**
   * identical queries in flight at once share one execution, and identical query RPCs one
   * call (default true; see SingleFlight)
   */
  deduplicate?: boolean;
}

export type GrpcExecutor = Executor & {
  readonly subgraph: CompiledSubgraph;
  [Symbol.asyncDispose](): Promise<void>;
};

export function createGrpcExecutor(options: GrpcExecutorOptions): GrpcExecutor {
  const compiled = compileSubgraph(options);
  const { fieldResolver, typeResolver } = createResolvers(compiled);
  const callTimeoutMs = options.callTimeoutMs ?? 10_000;
  const waitMs = options.waitForPluginMs ?? callTimeoutMs;
  const flights = options.deduplicate === false ? null : new SingleFlight<Uint8Array>();
  const executions = options.deduplicate === false ? null : new SingleFlight<ExecutionResult>();

  const run = async (request: ExecutionRequest): Promise<ExecutionResult> => {
    if (request.operationType === 'subscription') {
      return {
        errors: [new GraphQLError(`Subgraph "${compiled.name}": subscriptions are not supported over gRPC`)],
      };
    }
    const signal = request.signal;
    const metadata = callMetadata(request);
    const context: RequestContext = {
      batcher: new Batcher(),
      async call(rpcName, message, retryable = false) {
        const rpc = compiled.rpc(rpcName);
        const once = async () => {
          const transport = await options.channel.transport(waitMs, signal);
          const bytes = rpc.request.encode(message).finish();
          const send = (s: AbortSignal | undefined) =>
            transport.call(rpc.path, bytes, { deadlineMs: callTimeoutMs, signal: s, metadata });
          // Each caller decodes its own copy: messages are keyed by identity (entity origins).
          const response =
            flights && retryable
              ? await flights.run(flightKey(rpc.path, bytes, metadata), send, signal)
              : await send(signal);
          return rpc.response.decode(response);
        };
        try {
          return await once();
        } catch (err) {
          // A plugin that died under the call is being restarted: wait for it and try once more.
          if (!retryable || (err as { code?: unknown }).code !== grpcStatus.UNAVAILABLE || signal?.aborted)
            throw err;
          await new Promise((resolve) => setTimeout(resolve, 50)); // lets the supervisor see the exit first
          return once();
        }
      },
    };
    try {
      return await execute({
        schema: compiled.schema,
        document: request.document,
        variableValues: request.variables ?? {},
        ...(request.operationName ? { operationName: request.operationName } : {}),
        rootValue: {},
        contextValue: context,
        fieldResolver,
        typeResolver,
      });
    } catch (err) {
      return {
        errors: [
          new GraphQLError(
            `Subgraph "${compiled.name}": ${err instanceof Error ? err.message : String(err)}`,
          ),
        ],
      };
    }
  };

  // Identical queries in flight at once (same document, variables and operation) share one
  // execution, as Hive Gateway's HTTP executor shares one fetch: the others skip building
  // the RPCs and shaping the answer, which is most of this executor's work. Every caller
  // gets its own copy of the data, because the gateway annotates and merges into it.
  const shared = (request: ExecutionRequest): Promise<ExecutionResult> => {
    if (!executions || operationOf(request) !== 'query') return run(request);
    const key = `${request.operationName ?? ''}\u0000${print(request.document)}\u0000${JSON.stringify(request.variables ?? {})}\u0000${JSON.stringify(callMetadata(request) ?? {})}`;
    return executions.run(key, (signal) => run({ ...request, signal }), request.signal).then(ownCopy);
  };

  const executor = shared as unknown as GrpcExecutor;
  Object.defineProperty(executor, 'subgraph', { value: compiled });
  executor[Symbol.asyncDispose] = async () => options.channel.close?.();
  return executor;
}

// Set by the transport itself (or by HTTP/2); a header rule may not override them.
const RESERVED_METADATA = new Set(['te', 'content-type', 'user-agent', 'host']);

/**
 * The headers the router's header rules chose for this call (extensions.headers, see
 * src/router/header-rules.ts), as gRPC metadata: what Cosmo sends its plugins. Binary
 * (-bin) keys and gRPC's own (grpc-*) are left out; so are values gRPC cannot carry.
 */
function callMetadata(request: ExecutionRequest): Record<string, string> | undefined {
  const headers = (request.extensions as { headers?: Record<string, unknown> } | undefined)?.headers;
  if (!headers) return undefined;
  let metadata: Record<string, string> | undefined;
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (typeof value !== 'string' || RESERVED_METADATA.has(name) || name.startsWith('grpc-')) continue;
    if (name.startsWith(':') || name.endsWith('-bin') || !/^[\x20-\x7e]*$/.test(value)) continue;
    (metadata ??= {})[name] = value;
  }
  return metadata;
}

/** A grpc_service: a plain h2c connection to the team's server at its routing URL. */
export function tcpChannel(target: string): GrpcChannel {
  const transport = createUnaryTransport(target);
  return {
    transport: async () => transport,
    close: () => transport.close(),
  };
}

/** A plugin supervised by this process (see PluginProcess / PluginManager). */
export function pluginChannel(plugin: {
  transport(waitMs: number, signal?: AbortSignal): Promise<UnaryTransport>;
}): GrpcChannel {
  return { transport: (waitMs, signal) => plugin.transport(waitMs, signal) };
}
