import type { getProxyExecutor } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import type { RoutedSubgraph, SubgraphKind } from '../shared/router-config.ts';
import type { RouterLogger } from './logger.ts';

/**
 * The transport seam. HTTP subgraphs (`standard`) go through @graphql-mesh/transport-http;
 * every other kind is answered by a provider registered here (the plugin supervisor registers
 * `grpc_plugin`, the gRPC client registers `grpc_service`). Execution stays in the gateway
 * engine: a provider only turns one subgraph request (a GraphQL document the engine planned,
 * e.g. a root field or an `_entities` call) into a result.
 */

/** The gateway engine's executor: (ExecutionRequest) => ExecutionResult, sync or async. */
export type SubgraphExecutor = ReturnType<typeof getProxyExecutor>;
/** document, variables, operationName, operationType, context, signal, … */
export type SubgraphExecutionRequest = Parameters<SubgraphExecutor>[0];

export type CustomSubgraphKind = Exclude<SubgraphKind, 'standard'>;
export const customSubgraphKinds: readonly CustomSubgraphKind[] = ['grpc_plugin', 'grpc_service'];

export interface TransportContext {
  /** "base" or "flag:<name>": which gateway instance asks. */
  servedBy: string;
  compositionId: string;
  log: RouterLogger;
  /** share one call between identical in-flight query requests (RouterOptions.deduplicateSubgraphRequests) */
  deduplicate?: boolean;
}

export interface SubgraphTransportProvider {
  /**
   * The executor for one subgraph of one gateway instance. Called on the first request that
   * reaches the subgraph; the result is kept for the gateway's life. If the executor has
   * [Symbol.asyncDispose], it is called when the gateway is disposed. A rejection fails that
   * request's fields of the subgraph with an error naming it; the next request asks again.
   */
  getExecutor(subgraph: RoutedSubgraph, ctx: TransportContext): SubgraphExecutor | Promise<SubgraphExecutor>;
  /**
   * A gateway that routes to this subgraph is being built: warm up (download the plugin build,
   * start the process) so the first request does not pay the cold start. Awaited before the
   * gateway serves; a failure is logged and the gateway serves anyway (fields of this subgraph
   * then fail with errors naming it).
   */
  acquire?(subgraph: RoutedSubgraph, ctx: TransportContext): void | Promise<void>;
  /** The gateway that acquired the subgraph was disposed. Exactly one release per acquire. */
  release?(subgraph: RoutedSubgraph, ctx: TransportContext): void | Promise<void>;
}

export type TransportProviders = Partial<Record<CustomSubgraphKind, SubgraphTransportProvider>>;

/** Providers by subgraph kind. Looked up per request, so a provider registered late still serves. */
export class TransportRegistry {
  private readonly providers = new Map<CustomSubgraphKind, SubgraphTransportProvider>();

  constructor(initial: TransportProviders = {}) {
    for (const kind of customSubgraphKinds) {
      const provider = initial[kind];
      if (provider) this.providers.set(kind, provider);
    }
  }

  /** Registers a provider for a kind, replacing any earlier one; returns an unregister function. */
  register(kind: CustomSubgraphKind, provider: SubgraphTransportProvider): () => void {
    this.providers.set(kind, provider);
    return () => {
      if (this.providers.get(kind) === provider) this.providers.delete(kind);
    };
  }

  get(kind: CustomSubgraphKind): SubgraphTransportProvider | undefined {
    return this.providers.get(kind);
  }
}

export function subgraphError(subgraph: string, message: string, code: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, serviceName: subgraph } });
}

/**
 * The executor the gateway gets for a non-HTTP subgraph: it asks the registry on every call,
 * so a subgraph whose provider is missing fails with an error naming it, and starts working
 * as soon as one is registered.
 */
export function createDispatchingExecutor(
  subgraph: RoutedSubgraph & { kind: CustomSubgraphKind },
  registry: TransportRegistry,
  ctx: TransportContext,
): SubgraphExecutor & AsyncDisposable {
  let current: { provider: SubgraphTransportProvider; executor: Promise<SubgraphExecutor> } | undefined;
  const executors = new Set<Promise<SubgraphExecutor>>();

  const execute = (request: SubgraphExecutionRequest) => {
    const provider = registry.get(subgraph.kind);
    if (!provider) {
      return {
        errors: [
          subgraphError(
            subgraph.name,
            `Subgraph "${subgraph.name}" is a ${subgraph.kind} subgraph and this router has no ${subgraph.kind} transport`,
            'SUBGRAPH_TRANSPORT_MISSING',
          ),
        ],
      };
    }
    if (!current || current.provider !== provider) {
      const executor = Promise.resolve().then(() => provider.getExecutor(subgraph, ctx));
      current = { provider, executor };
      executors.add(executor);
      executor.catch(() => {
        // Forget a failed executor so the next request asks the provider again.
        executors.delete(executor);
        if (current?.executor === executor) current = undefined;
      });
    }
    return current.executor.then((executor) => executor(request));
  };

  const dispose = async () => {
    const all = [...executors];
    executors.clear();
    current = undefined;
    for (const pending of all) {
      const executor = await pending.catch(() => undefined);
      const disposable = executor as Partial<AsyncDisposable> | undefined;
      await disposable?.[Symbol.asyncDispose]?.();
    }
  };
  return Object.assign(execute as SubgraphExecutor, { [Symbol.asyncDispose]: dispose });
}
