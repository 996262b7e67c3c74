/**
 * The query plan the router puts in `extensions.queryPlan` when a request carries
 * `X-Include-Query-Plan: true`. @graphql-hive/gateway-runtime 2.12 plans lazily while it
 * executes (it has no up-front plan object to print), so the router records the subgraph
 * fetches the engine actually made for this request and arranges them the way the engine ran
 * them: fetches that overlapped in time are a Parallel node, and a fetch that started only after
 * another finished (an entity fetch needing keys from it) comes later in the Sequence.
 */
export interface QueryPlanFetch {
  kind: 'Fetch';
  /** 1-based, in start order */
  id: number;
  subgraph: string;
  operationKind: 'query' | 'mutation' | 'subscription';
  /** The document the engine sent to the subgraph. */
  operation: string;
  variables: string[];
  /** For `_entities` fetches: how many representations were sent in this (batched) call. */
  entities: number | null;
  /** Where in the response the fetch's data lands; "@" stands for a list item. */
  path: string[];
  /** Milliseconds from the start of execution. */
  startMs: number;
  durationMs: number;
  errors: number;
}

export type QueryPlanNode =
  | QueryPlanFetch
  | { kind: 'Sequence'; nodes: QueryPlanNode[] }
  | { kind: 'Parallel'; nodes: QueryPlanNode[] };

export interface QueryPlan {
  kind: 'QueryPlan';
  source: 'observed';
  engine: string;
  /** Execution time in the router, subgraph calls included. */
  durationMs: number;
  /** null when the operation needed no subgraph (e.g. only __typename or introspection). */
  node: QueryPlanNode | null;
}
