import {
  createGatewayRuntime,
  Logger,
  type GatewayConfigBase,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { GraphQLError, Kind, parse, visit, type DocumentNode } from 'graphql';
import { maskError } from 'graphql-yoga';
import type { RoutedSubgraph, ServedComposition } from '../shared/router-config.ts';
import { entityMissCalls } from './entity-misses.ts';
import { headerRulesPrepare } from './header-rules.ts';
import { useQueryLimits, type QueryLimits } from './limits.ts';
import type { RouterLogger } from './logger.ts';
import type { Engine } from './planner.ts';
import { usePreparsedBody } from './preparsed-body.ts';
import { planCalls } from './query-plan-plugin.ts';
import { useResultHooks } from './result-hooks.ts';
import { HttpFlights } from './http-flights.ts';
import { useSubgraphCalls, type CallInspector } from './subgraph-calls.ts';
import { useSubgraphHttpClient } from './subgraph-http-client.ts';
import { type EntityMissLog, mockMissResults } from './mock-misses.ts';
import { type ObservedKeys, observedKeyCalls } from './observed-keys.ts';
import {
  createDispatchingExecutor,
  type CustomSubgraphKind,
  type TransportContext,
  type TransportRegistry,
} from './transports.ts';

export interface GatewaySettings {
  limits: QueryLimits;
  /** Per subgraph request. */
  subgraphTimeoutMs: number;
  deduplicateSubgraphRequests: boolean;
  transports: TransportRegistry;
  log: RouterLogger;
  /** the router's log of entity misses, which also explain the errors they cause */
  misses?: EntityMissLog;
  /** entity keys seen in base-graph traffic, for mock key pools; unset: not recorded */
  observedKeys?: ObservedKeys;
  /** The planner and executor, resolved once per router (see planner.ts). */
  engine: () => Promise<Engine>;
  /** Mask unexpected errors as "Unexpected error." (for routers exposed to the public). */
  maskErrors: boolean;
}

type Transports = NonNullable<GatewayConfigBase<Record<string, unknown>>['transports']>;
type TransportEntries = NonNullable<GatewayConfigBase<Record<string, unknown>>['transportEntries']>;
type HttpGetExecutor = (typeof httpTransport)['getSubgraphExecutor'];

export const GRAPHQL_PATH = '/graphql';

/**
 * One gateway engine for one composition (the base graph or a feature flag). HTTP subgraphs
 * use the engine's HTTP transport; the other kinds go through the transport registry.
 */
export function createGateway(
  composition: ServedComposition,
  ctx: TransportContext,
  settings: GatewaySettings,
  engine: Engine,
): GatewayRuntime {
  const byName = new Map(composition.subgraphs.map((s) => [s.name, s]));
  const transportEntries: TransportEntries = {};
  for (const s of composition.subgraphs) {
    if (s.kind === 'standard') {
      if (s.url)
        transportEntries[s.name] = {
          kind: 'http',
          location: s.url,
          // Ours instead (http-flights.ts): the engine's cancels a shared call when its first caller leaves.
          options: { deduplicateInflightRequests: false },
        };
    } else {
      transportEntries[s.name] = { kind: s.kind };
    }
  }
  const custom = {
    getSubgraphExecutor({ subgraphName }: Parameters<HttpGetExecutor>[0]) {
      const subgraph = byName.get(subgraphName) as
        (RoutedSubgraph & { kind: CustomSubgraphKind }) | undefined;
      if (!subgraph) throw new Error(`Subgraph "${subgraphName}" is not in the router config`);
      return createDispatchingExecutor(subgraph, settings.transports, {
        ...ctx,
        deduplicate: settings.deduplicateSubgraphRequests,
      });
    },
  };
  const transports = {
    http: httpTransport,
    grpc_plugin: custom,
    grpc_service: custom,
  } as unknown as Transports;

  const inspectors: CallInspector[] = [planCalls, entityMissCalls];
  // Only the base graph: a flag's mock must never feed the pools mocks are built from.
  if (settings.observedKeys && ctx.servedBy === 'base') inspectors.push(observedKeyCalls(settings.observedKeys));
  return createGatewayRuntime({
    supergraph: prepareSupergraph(composition),
    ...(engine.unifiedGraphHandler ? { unifiedGraphHandler: engine.unifiedGraphHandler } : {}),
    transports,
    transportEntries,
    logging: bridgeLogger(settings.log),
    graphqlEndpoint: GRAPHQL_PATH,
    // CORS, health and landing pages are the router's HTTP layer's job.
    cors: false,
    graphiql: false,
    landingPage: false,
    maskedErrors: { maskError: errorMasker(settings.maskErrors) },
    plugins: () => [
      ...engine.plugins(),
      usePreparsedBody(),
      useQueryLimits(settings.limits),
      useSubgraphCalls({
        timeoutMs: settings.subgraphTimeoutMs,
        ...(settings.deduplicateSubgraphRequests ? { flights: new HttpFlights() } : {}),
        // Client headers reach subgraphs only by these rules (none when the config has none).
        prepare: headerRulesPrepare(composition.headers),
        inspectors,
      }),
      useSubgraphHttpClient(),
      // After the planner's plugin, which sets the current plan in its own onExecuteDone.
      useResultHooks({
        engine,
        ...(settings.misses ? { mockMisses: mockMissResults(composition, ctx.servedBy, settings.misses) } : {}),
      }),
    ],
  });
}

/**
 * Parses the supergraph (so a broken one is refused before it serves) and gives every
 * subgraph a join__graph URL: the engine only routes to subgraphs that have one, and plugin
 * subgraphs are composed without.
 */
function prepareSupergraph(composition: ServedComposition): DocumentNode {
  const byName = new Map(composition.subgraphs.map((s) => [s.name, s]));
  return visit(parse(composition.supergraphSdl), {
    Directive(node) {
      if (node.name.value !== 'join__graph') return undefined;
      const nameArg = node.arguments?.find((a) => a.name.value === 'name');
      const urlArg = node.arguments?.find((a) => a.name.value === 'url');
      const name = nameArg?.value.kind === Kind.STRING ? nameArg.value.value : undefined;
      const url = urlArg?.value.kind === Kind.STRING ? urlArg.value.value : '';
      if (!name || url) return undefined;
      const subgraph = byName.get(name);
      const fill = subgraph?.url || `switchyard://${subgraph?.kind ?? 'unknown'}/${name}`;
      const args = (node.arguments ?? []).filter((a) => a.name.value !== 'url');
      return {
        ...node,
        arguments: [
          ...args,
          {
            kind: Kind.ARGUMENT,
            name: { kind: Kind.NAME, value: 'url' },
            value: { kind: Kind.STRING, value: fill },
          },
        ],
      };
    },
  });
}

/**
 * GraphQL errors (the router's own, naming a subgraph or a missing transport, and the
 * subgraphs') always reach the client. They are recognised by shape rather than by class, since a
 * second copy of graphql-js may be loaded (ESM and CJS side by side, as under vitest).
 *
 * Other errors (a bug, an engine failure) are masked as Yoga does only when `mask` is set: a
 * staging router exists to show why a request failed (decision 0008). Unmasked, they keep their
 * message, path and locations, but never a stack or the original error object.
 */
export function errorMasker(mask: boolean): typeof maskError {
  return (error, message, isDev) => {
    if (isGraphQLErrorChain(error)) return error as Error;
    if (mask) return maskError(error, message, isDev);
    return unmasked(error);
  };
}

function unmasked(error: unknown): GraphQLError {
  const outer = error instanceof Error && error.name === 'GraphQLError' ? (error as GraphQLError) : undefined;
  let cause: unknown = outer?.originalError ?? error;
  while (cause instanceof Error && cause.name === 'GraphQLError' && (cause as GraphQLError).originalError)
    cause = (cause as GraphQLError).originalError;
  const text =
    cause instanceof AggregateError && cause.errors.length
      ? cause.errors.map((e: unknown) => (e instanceof Error ? e.message : String(e))).join('; ')
      : cause instanceof Error
        ? cause.message
        : String(cause);
  const code = outer?.extensions?.['code'];
  return new GraphQLError(text || 'The router failed without a message', {
    nodes: outer?.nodes,
    path: outer?.path,
    extensions: { code: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR' },
  });
}

function isGraphQLErrorChain(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'GraphQLError') return false;
  const original = (error as { originalError?: unknown }).originalError;
  return original == null || isGraphQLErrorChain(original);
}

function bridgeLogger(routerLog: RouterLogger): Logger {
  const log = routerLog.child({ component: 'gateway' });
  return new Logger({
    level: 'warn',
    writers: [
      {
        write(level, attrs, msg) {
          const fields = attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>) : {};
          if (level === 'error') log.error(msg ?? 'gateway error', fields);
          else if (level === 'warn') log.warn(msg ?? 'gateway warning', fields);
          else log.debug(msg ?? '', fields);
        },
      },
    ],
  });
}
