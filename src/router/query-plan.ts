import { print, type DocumentNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import type { QueryPlan, QueryPlanFetch, QueryPlanNode } from '../shared/query-plan.ts';

const ENGINE = '@graphql-hive/gateway-runtime 2.12';

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

  toJSON(): QueryPlan {
    return {
      kind: 'QueryPlan',
      source: 'observed',
      engine: ENGINE,
      durationMs: round(performance.now() - this.started),
      node: arrange(this.fetches),
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
