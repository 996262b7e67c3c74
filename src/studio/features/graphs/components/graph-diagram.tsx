import { Link } from 'react-router';
import { Waypoints } from 'lucide-react';
import type { GraphDetail } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { SubgraphTypeBadge } from './subgraph-type-badge.tsx';
import { GraphStatusBadge } from './graph-status-badge.tsx';

const ROW = 58;
const GAP = 8;
const WIRE = 96;

/** Subgraphs on the left, wired into the graph on the right. */
export function GraphDiagram({ org, graph }: { org: string; graph: GraphDetail }) {
  const subgraphs = graph.subgraphs;
  const n = Math.max(subgraphs.length, 1);
  const listHeight = n * ROW + (n - 1) * GAP;
  // The graph box is taller than one row; a short list is centred beside it.
  const height = Math.max(listHeight, 100);
  const offset = (height - listHeight) / 2;
  const mid = height / 2;

  return (
    <figure aria-label={`Subgraphs feeding ${graph.name}`} className="flex items-stretch overflow-x-auto rounded-lg border bg-card p-4">
      <ul className="grid w-80 shrink-0 content-start" style={{ gap: GAP, paddingTop: offset }}>
        {subgraphs.map((s) => (
          <li
            key={s.id}
            data-testid="diagram-subgraph"
            className="grid content-center gap-0.5 rounded-md border bg-background px-3 shadow-xs"
            style={{ height: ROW }}
          >
            <div className="flex items-center gap-2">
              <Link to={paths.org.subgraph.getHref(org, s.namespace, s.name)} className="truncate text-[13px] font-medium hover:underline">
                {s.name}
              </Link>
              <SubgraphTypeBadge type={s.type} />
              <span className="ml-auto text-[11px] tabular-nums text-muted-foreground">
                {s.latestVersion ? `v${s.latestVersion.version}` : 'no schema'}
              </span>
            </div>
            <span className="truncate font-mono text-[11px] text-muted-foreground" title={s.routingUrl ?? undefined}>
              {s.routingUrl ?? 'runs beside the router'}
            </span>
          </li>
        ))}
        {subgraphs.length === 0 && (
          <li className="grid content-center rounded-md border border-dashed px-3 text-xs text-muted-foreground" style={{ height: ROW }}>
            No subgraph matches the label matchers yet
          </li>
        )}
      </ul>
      <svg aria-hidden width={WIRE} height={height} className="shrink-0 text-border" viewBox={`0 0 ${WIRE} ${height}`}>
        {Array.from({ length: n }, (_, i) => {
          const y = offset + i * (ROW + GAP) + ROW / 2;
          return (
            <path
              key={i}
              d={`M0 ${y} C ${WIRE / 2} ${y}, ${WIRE / 2} ${mid}, ${WIRE} ${mid}`}
              fill="none"
              stroke="currentColor"
              strokeWidth={1.5}
              strokeDasharray={subgraphs.length === 0 ? '4 4' : undefined}
            />
          );
        })}
        <circle cx={WIRE - 3} cy={mid} r={3} className="fill-muted-foreground" />
      </svg>
      <div className="flex shrink-0 items-center" style={{ height }}>
        <div className="grid w-60 gap-1.5 rounded-md border-2 border-foreground/15 bg-surface px-3 py-3 shadow-xs">
          <div className="flex items-center gap-2">
            <Waypoints className="size-4 text-muted-foreground" aria-hidden />
            <span className="truncate text-[13px] font-semibold">{graph.name}</span>
          </div>
          <span className="justify-self-start">
            <GraphStatusBadge status={graph.status} />
          </span>
          <span className="truncate font-mono text-[11px] text-muted-foreground" title={graph.routingUrl}>
            {graph.routingUrl}
          </span>
        </div>
      </div>
    </figure>
  );
}
