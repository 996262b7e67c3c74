/**
 * The Hive gateway's query plan, as the router puts it in `extensions.queryPlan`. Only
 * the parts the plan view draws are typed; everything else is kept as-is.
 */
export interface QueryPlanNode {
  kind: string;
  serviceName?: string;
  operation?: string;
  operationKind?: string;
  nodes?: QueryPlanNode[];
  node?: QueryPlanNode;
  [key: string]: unknown;
}

export function asQueryPlan(value: unknown): QueryPlanNode | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.kind === 'string') return v as QueryPlanNode;
  // Some planners wrap the root node: { kind: 'QueryPlan', node }.
  if (v.node && typeof v.node === 'object') return asQueryPlan(v.node);
  return null;
}

/** Subgraphs a plan fetches from, in the order it first reaches them. */
export function servicesInPlan(plan: QueryPlanNode | null): string[] {
  const seen: string[] = [];
  const walk = (n: QueryPlanNode | undefined) => {
    if (!n) return;
    if (n.serviceName && !seen.includes(n.serviceName)) seen.push(n.serviceName);
    n.nodes?.forEach(walk);
    walk(n.node);
  };
  walk(plan ?? undefined);
  return seen;
}
