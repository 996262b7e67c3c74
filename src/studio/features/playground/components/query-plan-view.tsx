import type { QueryPlanNode } from '../lib/query-plan.ts';
import { servicesInPlan } from '../lib/query-plan.ts';
import { usePlaygroundRun } from './playground-provider.tsx';

function PlanNode({ node, depth }: { node: QueryPlanNode; depth: number }) {
  const children = [...(node.nodes ?? []), ...(node.node ? [node.node] : [])];
  return (
    <li className="py-0.5" style={{ marginLeft: depth ? 12 : 0 }}>
      <span className="font-mono text-xs">
        <span className="font-semibold">{node.kind}</span>
        {node.serviceName ? <span className="ml-1 rounded bg-sky-500/15 px-1 text-sky-700 dark:text-sky-300">{node.serviceName}</span> : null}
      </span>
      {typeof node.operation === 'string' ? (
        <pre className="mt-1 max-h-40 overflow-auto rounded border border-black/10 bg-black/[0.03] p-2 text-[11px] leading-snug dark:border-white/10 dark:bg-white/[0.04]">
          {node.operation.trim()}
        </pre>
      ) : null}
      {children.length ? (
        <ul className="border-l border-black/10 pl-2 dark:border-white/10">
          {children.map((c, i) => (
            <PlanNode key={i} node={c} depth={depth + 1} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The plan of the last request, as the router returned it in `extensions.queryPlan`. */
export function QueryPlanView() {
  const { last } = usePlaygroundRun();
  if (!last) return <p className="p-3 text-sm opacity-70">Run a query to see how the router plans it across subgraphs.</p>;
  if (!last.queryPlan) {
    return <p className="p-3 text-sm opacity-70">The router returned no query plan for the last request.</p>;
  }
  const services = servicesInPlan(last.queryPlan);
  return (
    <div className="p-3 text-sm" data-testid="query-plan">
      <p className="mb-2">
        Fetches from {services.length} subgraph{services.length === 1 ? '' : 's'}: {services.join(', ') || '—'}
      </p>
      <ul>
        <PlanNode node={last.queryPlan} depth={0} />
      </ul>
    </div>
  );
}
