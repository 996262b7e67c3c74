import {
  createGatewayRuntime,
  Logger,
  type GatewayConfigBase,
  type GatewayPlugin,
  type GatewayRuntime,
} from '@graphql-hive/gateway-runtime';
import httpTransport from '@graphql-mesh/transport-http';
import { Kind, parse, visit, type DocumentNode } from 'graphql';
import { maskError } from 'graphql-yoga';
import type { RoutedSubgraph, ServedComposition } from '../shared/router-config.ts';
import { useQueryLimits, type QueryLimits } from './limits.ts';
import type { RouterLogger } from './logger.ts';
import { usePreparsedBody } from './preparsed-body.ts';
import { useQueryPlan } from './query-plan.ts';
import { requestStateOf } from './request-state.ts';
import { useSubgraphCalls } from './subgraph-calls.ts';
import { useEntityMisses, type EntityMissLog } from './entity-misses.ts';
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
): GatewayRuntime {
  const byName = new Map(composition.subgraphs.map((s) => [s.name, s]));
  const transportEntries: TransportEntries = {};
  for (const s of composition.subgraphs) {
    if (s.kind === 'standard') {
      if (s.url)
        transportEntries[s.name] = {
          kind: 'http',
          location: s.url,
          options: { deduplicateInflightRequests: settings.deduplicateSubgraphRequests },
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

  return createGatewayRuntime({
    supergraph: prepareSupergraph(composition),
    transports,
    transportEntries,
    logging: bridgeLogger(settings.log),
    graphqlEndpoint: GRAPHQL_PATH,
    // CORS, health and landing pages are the router's HTTP layer's job.
    cors: false,
    graphiql: false,
    landingPage: false,
    maskedErrors: { maskError: maskUnexpectedErrors },
    plugins: () => [
      usePreparsedBody(),
      useQueryLimits(settings.limits),
      useSubgraphCalls(settings.subgraphTimeoutMs),
      useQueryPlan(),
      ...(settings.misses ? [useEntityMisses(composition, ctx.servedBy, settings.misses)] : []),
      useErrorFlag(),
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
 * Yoga's masking, except that it recognises GraphQL errors by shape rather than by class: the
 * router's own errors (naming a subgraph or a missing transport) must reach the client even when
 * a second copy of graphql-js is loaded (ESM and CJS side by side, as under vitest).
 */
const maskUnexpectedErrors: typeof maskError = (error, message, isDev) =>
  isGraphQLErrorChain(error) ? (error as Error) : maskError(error, message, isDev);

function isGraphQLErrorChain(error: unknown): boolean {
  if (!(error instanceof Error) || error.name !== 'GraphQLError') return false;
  const original = (error as { originalError?: unknown }).originalError;
  return original == null || isGraphQLErrorChain(original);
}

/** Marks requests whose result carries GraphQL errors, for the error counter. */
function useErrorFlag(): GatewayPlugin {
  return {
    onResultProcess({ result, serverContext }) {
      const state = requestStateOf(serverContext);
      if (!state) return;
      const results = Array.isArray(result) ? result : [result];
      if (results.some((r) => !(Symbol.asyncIterator in r) && (r.errors?.length ?? 0) > 0))
        state.hadErrors = true;
    },
  };
}

function bridgeLogger(log: RouterLogger): Logger {
  return new Logger({
    level: 'warn',
    writers: [
      {
        write(level, attrs, msg) {
          const fields = {
            component: 'gateway',
            ...(attrs && typeof attrs === 'object' ? (attrs as Record<string, unknown>) : {}),
          };
          if (level === 'error') log.error(msg ?? 'gateway error', fields);
          else if (level === 'warn') log.warn(msg ?? 'gateway warning', fields);
          else log.debug(msg ?? '', fields);
        },
      },
    ],
  });
}
