import type { ObservedCall, PlannedNode } from '../lib/query-plan.ts';
import { flattenPathToString, servicesInPlan } from '../lib/query-plan.ts';
import { usePlaygroundRun } from './playground-provider.tsx';

const queryBox =
  'mt-1 max-h-40 overflow-auto rounded border border-black/10 bg-black/[0.03] p-2 text-[11px] leading-snug dark:border-white/10 dark:bg-white/[0.04]';
const subgraphBadge = 'rounded bg-sky-500/15 px-1 text-sky-700 dark:text-sky-300';

function Group({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <li className="py-0.5" data-plan-node={label.split(' ')[0]}>
      <span className="font-mono text-xs font-semibold">{label}</span>
      <ul className="ml-2 border-l border-black/10 pl-2 dark:border-white/10">{children}</ul>
    </li>
  );
}

/** One node of the planner's plan: Sequence / Parallel / Flatten / Fetch (and the rarer kinds). */
function PlanNodeView({ node }: { node: PlannedNode }) {
  switch (node.kind) {
    case 'Fetch':
    case 'BatchFetch':
      return (
        <li className="py-1" data-plan-node={node.kind}>
          <span className="flex flex-wrap items-center gap-1.5 font-mono text-xs">
            <span className="font-semibold">{node.kind}</span>
            <span className={subgraphBadge}>{node.serviceName}</span>
          </span>
          <pre className={queryBox}>{node.operation.trim()}</pre>
        </li>
      );
    case 'Sequence':
    case 'Parallel':
      return (
        <Group label={node.kind}>
          {node.nodes.map((c, i) => (
            <PlanNodeView key={i} node={c} />
          ))}
        </Group>
      );
    case 'Flatten':
      return (
        <Group label={`Flatten at ${flattenPathToString(node.path).join('.')}`}>
          <PlanNodeView node={node.node} />
        </Group>
      );
    case 'Condition':
      return (
        <Group label={`Condition on $${node.condition}`}>
          {node.ifClause ? <PlanNodeView node={node.ifClause} /> : null}
          {node.elseClause ? <PlanNodeView node={node.elseClause} /> : null}
        </Group>
      );
    case 'Subscription':
      return (
        <Group label="Subscription">
          <PlanNodeView node={node.primary} />
        </Group>
      );
    case 'Defer':
      return (
        <Group label="Defer">
          {node.primary.node ? <PlanNodeView node={node.primary.node} /> : null}
          {node.deferred.map((d, i) => (d.node ? <PlanNodeView key={i} node={d.node} /> : null))}
        </Group>
      );
  }
}

/** The subgraph calls the router made, with when each started and how long it took. */
function ObservedCalls({ calls }: { calls: ObservedCall[] }) {
  if (!calls.length) return <p className="text-xs opacity-70">No subgraph was called.</p>;
  return (
    <ol data-testid="observed-calls">
      {calls.map((c) => (
        <li key={c.id} className="flex flex-wrap items-center gap-1.5 py-0.5 font-mono text-xs" data-observed-call={c.subgraph}>
          <span className="font-semibold">#{c.id}</span>
          <span className={subgraphBadge}>{c.subgraph}</span>
          {c.path.length ? <span className="opacity-70">at {c.path.join('.')}</span> : null}
          {c.entities !== null ? <span className="opacity-70">{c.entities} entities</span> : null}
          <span className="opacity-70">
            +{c.startMs.toFixed(1)} ms, took {c.durationMs.toFixed(1)} ms
          </span>
          {c.errors ? <span className="text-red-600 dark:text-red-400">{c.errors} errors</span> : null}
        </li>
      ))}
    </ol>
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
    <div className="space-y-3 p-3 text-sm" data-testid="query-plan">
      <p>
        {services.length ? `Fetched from ${services.join(', ')}` : 'No subgraph was called'} in {plan.durationMs.toFixed(1)} ms
        <span className="ml-1 text-xs opacity-60">({plan.engine})</span>
      </p>
      <section data-testid="planned-plan">
        <h3 className="mb-1 text-xs font-semibold uppercase opacity-70">Plan</h3>
        {plan.plan ? (
          <ul>
            <PlanNodeView node={plan.plan} />
          </ul>
        ) : (
          <p className="text-xs opacity-70">
            {plan.planner === 'js'
              ? 'The JS query planner plans while it executes and has no plan to show; the calls below are what it did.'
              : 'This operation needed no subgraph.'}
          </p>
        )}
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase opacity-70">Observed calls</h3>
        <ObservedCalls calls={plan.calls ?? []} />
      </section>
    </div>
  );
}
