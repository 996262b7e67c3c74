import type { ObservedCall, PlannedNode, QueryPlan, QueryPlanNode } from '../../../../shared/query-plan.ts';
import { flattenPathToString, plannedFetches } from '../../../../shared/query-plan.ts';

export type { ObservedCall, PlannedNode, QueryPlan, QueryPlanNode };
export { flattenPathToString };

/** The router's `extensions.queryPlan`, if the answer carries one. */
export function asQueryPlan(value: unknown): QueryPlan | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Partial<QueryPlan>;
  return v.kind === 'QueryPlan' ? (v as QueryPlan) : null;
}

/** Subgraphs a plan fetches from, in the order it first reaches them (planned, else observed). */
export function servicesInPlan(plan: QueryPlan | null): string[] {
  const names = plan?.plan
    ? plannedFetches(plan.plan).map((f) => f.serviceName)
    : (plan?.calls ?? []).map((c) => c.subgraph);
  return [...new Set(names)];
}
