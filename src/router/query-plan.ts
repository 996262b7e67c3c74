import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { parse, print, type DocumentNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import {
  flattenPathToString,
  plannedFetches,
  type PlannedNode,
  type QueryPlan,
  type QueryPlanFetch,
  type QueryPlanNode,
} from '../shared/query-plan.ts';
import type { Engine } from './planner.ts';
import { requestStateOf } from './request-state.ts';

/** Records the subgraph fetches of one request; see src/shared/query-plan.ts for why "observed". */
export class QueryPlanRecorder {
  private readonly started = performance.now();
  private readonly fetches: (QueryPlanFetch & { endMs: number | null })[] = [];

  begin(
    subgraph: string,
    request: { document: DocumentNode; variables?: Record<string, unknown>; info?: GraphQLResolveInfo },
  ) {
    const operation = request.document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === 'OperationDefinition',
    );
    const representations = request.variables?.['representations'];
    const fetch: QueryPlanFetch & { endMs: number | null } = {
      kind: 'Fetch',
      id: this.fetches.length + 1,
      subgraph,
      operationKind: (operation?.operation ?? 'query') as QueryPlanFetch['operationKind'],
      operation: print(request.document),
      variables: Object.keys(request.variables ?? {}),
      entities: Array.isArray(representations) ? representations.length : null,
      path: responsePath(request.info),
      startMs: round(performance.now() - this.started),
      durationMs: 0,
      errors: 0,
      endMs: null,
    };
    this.fetches.push(fetch);
    return (errors: number) => {
      fetch.endMs = performance.now() - this.started;
      fetch.durationMs = round(fetch.endMs - fetch.startMs);
      fetch.errors = errors;
    };
  }

  toJSON(engine: Pick<Engine, 'planner' | 'name'>, plan: PlannedNode | null = null): QueryPlan {
    if (plan) placeCalls(this.fetches, plan);
    return {
      kind: 'QueryPlan',
      planner: engine.planner,
      engine: engine.name,
      durationMs: round(performance.now() - this.started),
      plan,
      node: arrange(this.fetches),
      calls: this.fetches.map(({ endMs: _endMs, ...f }) => f),
    };
  }
}

/**
 * Levels by dependency in time: a fetch sits one level below the deepest fetch that had
 * finished before it started. Each level is a Parallel node (or the fetch itself).
 */
function arrange(fetches: (QueryPlanFetch & { endMs: number | null })[]): QueryPlanNode | null {
  if (fetches.length === 0) return null;
  const level = new Map<number, number>();
  for (const f of fetches) {
    let l = 0;
    for (const g of fetches) {
      if (g === f || g.endMs === null || g.endMs > f.startMs) continue;
      l = Math.max(l, (level.get(g.id) ?? 0) + 1);
    }
    level.set(f.id, l);
  }
  const levels: QueryPlanFetch[][] = [];
  for (const { endMs: _endMs, ...f } of fetches) (levels[level.get(f.id)!] ??= []).push(f);
  const nodes: QueryPlanNode[] = levels
    .filter(Boolean)
    .map((group) => (group.length === 1 ? group[0]! : { kind: 'Parallel', nodes: group }));
  return nodes.length === 1 ? nodes[0]! : { kind: 'Sequence', nodes };
}

function responsePath(info: GraphQLResolveInfo | undefined): string[] {
  const out: string[] = [];
  for (let p = info?.path; p; p = p.prev) out.unshift(typeof p.key === 'number' ? '@' : p.key);
  return out;
}

const round = (ms: number) => Math.round(ms * 100) / 100;

/**
 * The Rust planner's executor gives subgraph calls no resolver path, so an observed call's path
 * comes from the plan: the Flatten node around the Fetch that sent the same operation.
 */
function placeCalls(calls: QueryPlanFetch[], plan: PlannedNode): void {
  const paths = new Map<string, string[]>();
  for (const f of plannedFetches(plan))
    paths.set(`${f.serviceName}\n${normaliseOperation(f.operation)}`, flattenPathToString(f.path));
  for (const call of calls) {
    if (call.path.length) continue;
    const path = paths.get(`${call.subgraph}\n${call.operation}`);
    if (path) call.path = path;
  }
}

/** An operation as graphql-js prints it, to compare the planner's text with what was sent. */
export function normaliseOperation(operation: string): string {
  try {
    return print(parse(operation, { noLocation: true }));
  } catch {
    return operation;
  }
}

/** Puts the recorded plan into `extensions.queryPlan` for requests that asked for it. */
export function useQueryPlan(engine: Engine): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const recorder = requestStateOf(executionRequest.context)?.plan;
      if (!recorder) return;
      const end = recorder.begin(subgraphName, executionRequest);
      return ({ result }) => {
        end(Symbol.asyncIterator in result ? 0 : (result.errors?.length ?? 0));
      };
    },
    onExecute({ args }) {
      const recorder = requestStateOf(args.contextValue)?.plan;
      if (!recorder) return;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result) return;
          const queryPlan = recorder.toJSON(engine, engine.currentPlan());
          setResult({ ...result, extensions: { ...result.extensions, queryPlan } });
        },
      };
    },
  };
}
