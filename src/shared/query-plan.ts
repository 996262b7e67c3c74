/**
 * The query plan the router puts in `extensions.queryPlan` when a request carries
 * `X-Include-Query-Plan: true`. It has two halves:
 *
 * - `plan`: what the query planner decided, before anything ran (Sequence / Parallel / Flatten /
 *   Fetch, each Fetch with its subgraph and operation). The Rust planner
 *   (@graphql-hive/router-runtime) makes this object up front; the JS planner plans lazily while
 *   it executes and has none, so `plan` is null there.
 * - `calls`: what the router observed: every subgraph call this request made, with its timing.
 *   `node` arranges the same calls the way they ran (overlapping calls are a Parallel node, a call
 *   that started only after another finished comes later in the Sequence).
 *
 * CONTRACT (the playground's plan panel and trace waterfall read this): the fields of
 * `ObservedCall` and of `QueryPlan` below are stable; add fields, do not rename or remove them.
 */
export interface ObservedCall {
  kind: 'Fetch';
  /** 1-based, in start order */
  id: number;
  subgraph: string;
  operationKind: 'query' | 'mutation' | 'subscription';
  /** The document the router sent to the subgraph. */
  operation: string;
  variables: string[];
  /** For `_entities` fetches: how many representations were sent in this (batched) call. */
  entities: number | null;
  /** Where in the response the fetch's data lands; "@" stands for a list item. */
  path: string[];
  /** Milliseconds from the start of execution. */
  startMs: number;
  durationMs: number;
  /** How many GraphQL errors the call returned (a failed call counts one). */
  errors: number;
}

/** @deprecated the old name of {@link ObservedCall} */
export type QueryPlanFetch = ObservedCall;

/** The observed calls arranged by time. */
export type QueryPlanNode =
  | ObservedCall
  | { kind: 'Sequence'; nodes: QueryPlanNode[] }
  | { kind: 'Parallel'; nodes: QueryPlanNode[] };

/** A step of a Flatten path: a field, a list item ("@"), or a type condition. */
export type PlannedPathSegment = { Field: string } | { TypeCondition: string[] } | '@';

/** The planner's plan, as @graphql-hive/router-query-planner returns it (JSON, passed through). */
export type PlannedNode =
  | {
      kind: 'Fetch' | 'BatchFetch';
      serviceName: string;
      operation: string;
      operationKind?: 'query' | 'mutation' | 'subscription';
      operationName?: string;
      variableUsages?: string[];
    }
  | { kind: 'Sequence' | 'Parallel'; nodes: PlannedNode[] }
  | { kind: 'Flatten'; path: PlannedPathSegment[]; node: PlannedNode }
  | { kind: 'Condition'; condition: string; ifClause?: PlannedNode; elseClause?: PlannedNode }
  | { kind: 'Subscription'; primary: PlannedNode }
  | {
      kind: 'Defer';
      primary: { node?: PlannedNode };
      deferred: { label?: string; node?: PlannedNode }[];
    };

export interface QueryPlan {
  kind: 'QueryPlan';
  planner: 'rust' | 'js';
  engine: string;
  /** Execution time in the router, subgraph calls included. */
  durationMs: number;
  /** The planner's plan; null on the JS planner and when no subgraph was needed. */
  plan: PlannedNode | null;
  /** The observed calls arranged by time; null when no subgraph was called. */
  node: QueryPlanNode | null;
  /** The observed calls in start order. */
  calls: ObservedCall[];
}

/** Renders a Flatten path as the observed calls do: `topProducts.@.reviews`. */
export function flattenPathToString(path: PlannedPathSegment[]): string[] {
  const out: string[] = [];
  for (const s of path) {
    if (s === '@') out.push('@');
    else if ('Field' in s) out.push(s.Field);
    else out.push(`... on ${s.TypeCondition.join('|')}`);
  }
  return out;
}

/** The Fetch nodes of a plan in plan order, each with the path of the Flatten around it. */
export function plannedFetches(
  plan: PlannedNode | null | undefined,
): { serviceName: string; operation: string; path: PlannedPathSegment[] }[] {
  const out: { serviceName: string; operation: string; path: PlannedPathSegment[] }[] = [];
  const walk = (n: PlannedNode | undefined, path: PlannedPathSegment[]): void => {
    if (!n) return;
    switch (n.kind) {
      case 'Fetch':
      case 'BatchFetch':
        out.push({ serviceName: n.serviceName, operation: n.operation, path });
        return;
      case 'Sequence':
      case 'Parallel':
        return n.nodes.forEach((c) => walk(c, path));
      case 'Flatten':
        return walk(n.node, n.path);
      case 'Condition':
        walk(n.ifClause, path);
        return walk(n.elseClause, path);
      case 'Subscription':
        return walk(n.primary, path);
      case 'Defer':
        walk(n.primary.node, path);
        return n.deferred.forEach((d) => walk(d.node, path));
    }
  };
  walk(plan ?? undefined, []);
  return out;
}
