import { useState } from 'react';
import { waterfallOf } from '../lib/waterfall.ts';
import { usePlaygroundRun } from './playground-provider.tsx';

/** The last request's subgraph calls as bars on a time axis, from the router's recorded calls. */
export function TraceWaterfall() {
  const { last } = usePlaygroundRun();
  const [selected, setSelected] = useState<number | null>(null);
  if (!last) return <p className="p-3 text-sm opacity-70">Run a query to see its subgraph calls on a time axis.</p>;
  const { bars, totalMs } = waterfallOf(last.queryPlan);
  if (bars.length === 0) return <p className="p-3 text-sm opacity-70">The last request made no subgraph call.</p>;
  const chosen = bars.find((b) => b.fetch.id === selected)?.fetch ?? null;
  return (
    <div className="p-3 text-sm" data-testid="trace-waterfall">
      <div className="mb-2 flex justify-between font-mono text-[11px] opacity-60">
        <span>0 ms</span>
        <span>{totalMs.toFixed(1)} ms</span>
      </div>
      <ul className="space-y-1">
        {bars.map(({ fetch: f, left, width }) => (
          <li key={f.id}>
            <button
              type="button"
              className={`w-full rounded px-1 py-0.5 text-left hover:bg-black/5 dark:hover:bg-white/5 ${selected === f.id ? 'bg-black/5 dark:bg-white/10' : ''}`}
              onClick={() => setSelected(selected === f.id ? null : f.id)}
              data-testid="waterfall-bar"
              data-subgraph={f.subgraph}
              aria-label={`${f.subgraph} call, ${f.durationMs.toFixed(1)} ms`}
            >
              <span className="flex items-center gap-1.5 font-mono text-[11px]">
                <span className="font-semibold">{f.subgraph}</span>
                <span className="opacity-70">{f.durationMs.toFixed(1)} ms</span>
                {f.entities !== null ? <span className="opacity-70">{f.entities} entities</span> : null}
                {f.errors ? <span className="text-red-600 dark:text-red-400">{f.errors} errors</span> : null}
              </span>
              <span className="relative mt-0.5 block h-2 rounded bg-black/5 dark:bg-white/5">
                <span
                  className={`absolute top-0 h-2 rounded ${f.errors ? 'bg-red-500' : 'bg-sky-500'}`}
                  style={{ left: `${left}%`, width: `${width}%` }}
                />
              </span>
            </button>
          </li>
        ))}
      </ul>
      {chosen ? (
        <pre className="mt-2 max-h-48 overflow-auto rounded border bg-black/[0.03] p-2 text-[11px] leading-snug dark:bg-white/[0.04]" data-testid="waterfall-query">
          {chosen.operation.trim()}
        </pre>
      ) : (
        <p className="mt-2 text-xs opacity-60">Click a bar to see the query sent to that subgraph.</p>
      )}
    </div>
  );
}
