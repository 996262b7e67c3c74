import type { QueryPlanNode } from '../lib/query-plan.ts';
import { servicesInPlan } from '../lib/query-plan.ts';
import { usePlaygroundRun } from './playground-provider.tsx';

function PlanNode({ node }: { node: QueryPlanNode }) {
  if (node.kind !== 'Fetch') {
    return (
      <li className="py-0.5">
        <span className="font-mono text-xs font-semibold">{node.kind}</span>
        <ul className="ml-2 border-l border-black/10 pl-2 dark:border-white/10">
          {node.nodes.map((c, i) => (
            <PlanNode key={i} node={c} />
          ))}
        </ul>
      </li>
    );
  }
  return (
    <li className="py-1">
      <span className="flex flex-wrap items-center gap-1.5 font-mono text-xs">
        <span className="font-semibold">Fetch #{node.id}</span>
        <span className="rounded bg-sky-500/15 px-1 text-sky-700 dark:text-sky-300">{node.subgraph}</span>
        {node.entities !== null ? <span className="opacity-70">{node.entities} entities</span> : null}
        {node.path.length ? <span className="opacity-70">at {node.path.join('.')}</span> : null}
        <span className="opacity-70">{node.durationMs.toFixed(1)} ms</span>
        {node.errors ? <span className="text-red-600 dark:text-red-400">{node.errors} errors</span> : null}
      </span>
      <pre className="mt-1 max-h-40 overflow-auto rounded border border-black/10 bg-black/[0.03] p-2 text-[11px] leading-snug dark:border-white/10 dark:bg-white/[0.04]">
        {node.operation.trim()}
      </pre>
    </li>
  );
}

/** The plan of the last request, as the router returned it in `extensions.queryPlan`. */
export function QueryPlanView() {
  const { last } = usePlaygroundRun();
  if (!last) return <p className="p-3 text-sm opacity-70">Run a query to see how the router fetched it across subgraphs.</p>;
  const plan = last.queryPlan;
  if (!plan) return <p className="p-3 text-sm opacity-70">The router returned no query plan for the last request.</p>;
  const services = servicesInPlan(plan);
  return (
    <div className="p-3 text-sm" data-testid="query-plan">
      <p className="mb-1">
        {services.length ? `Fetched from ${services.join(', ')}` : 'No subgraph was called'} in {plan.durationMs.toFixed(1)} ms.
      </p>
      <p className="mb-2 text-xs opacity-60">
        Observed by the router ({plan.engine}): the subgraph calls this request made, in the order they ran.
      </p>
      {plan.node ? (
        <ul>
          <PlanNode node={plan.node} />
        </ul>
      ) : null}
    </div>
  );
}
