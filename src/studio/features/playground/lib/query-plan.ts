import type { QueryPlan, QueryPlanNode } from '../../../../shared/query-plan.ts';

export type { QueryPlan, QueryPlanNode };

/** The router's `extensions.queryPlan`, if the answer carries one. */
export function asQueryPlan(value: unknown): QueryPlan | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<QueryPlan>;
  return v.kind === 'QueryPlan' ? (v as QueryPlan) : null;
}

/** Subgraphs a plan fetches from, in the order it first reaches them. */
export function servicesInPlan(plan: QueryPlan | null): string[] {
  const seen: string[] = [];
  const walk = (n: QueryPlanNode | null | undefined) => {
    if (!n) return;
    if (n.kind === 'Fetch') {
      if (!seen.includes(n.subgraph)) seen.push(n.subgraph);
      return;
    }
    n.nodes.forEach(walk);
  };
  walk(plan?.node);
  return seen;
}
