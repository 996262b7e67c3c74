import type { FeatureFlag } from '../../../../shared/api/feature-flags.ts';
import { Badge } from '@/components/ui/badge';
import type { FlagGraphState, FlagSubgraphRow } from '../flag-types.ts';

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  return (
    <Badge variant={enabled ? 'info' : 'neutral'} dot data-testid="flag-enabled" data-enabled={enabled}>
      {enabled ? 'enabled' : 'disabled'}
    </Badge>
  );
}

const look = {
  composed: { variant: 'success', label: 'composed' },
  failed: { variant: 'danger', label: 'composition failed' },
  pending: { variant: 'neutral', label: 'not composed' },
} as const;

/** One graph's composition of the flag; `live` says whether routers serve it. */
export function FlagGraphStatusBadge({ state, showGraph }: { state: FlagGraphState; showGraph?: boolean }) {
  const { variant, label } = look[state.status];
  return (
    <Badge
      variant={variant}
      dot
      data-testid="flag-composition-status"
      data-status={state.status}
      title={state.live ? 'Routers serve this flag' : 'Routers do not serve this flag (disabled, failed or not composed)'}
    >
      {showGraph ? `${state.graph}: ${label}` : label}
    </Badge>
  );
}

/** The worst status over the graphs a flag applies to, for lists. */
export function FlagStatusSummary({ flag }: { flag: FeatureFlag }) {
  if (flag.graphs.length === 0) return <Badge variant="warning">applies to no graph</Badge>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {flag.graphs.map((g) => (
        <FlagGraphStatusBadge key={g.graph} state={g} showGraph={flag.graphs.length > 1} />
      ))}
    </span>
  );
}

/** What serves a subgraph in the flag: the base, or the swap ("mock", "plugin NAME@VERSION", a URL). */
export function SubgraphSource({ row }: { row: FlagSubgraphRow }) {
  const swap = row.swap;
  if (!swap) {
    return (
      <span className="inline-flex items-center gap-1.5" data-testid="subgraph-source" data-kind="base">
        <Badge variant="neutral">base</Badge>
        {row.baseRoutingUrl && <span className="truncate font-mono text-[11px] text-muted-foreground">{row.baseRoutingUrl}</span>}
      </span>
    );
  }
  return (
    <span className="inline-flex min-w-0 items-center gap-1.5" data-testid="subgraph-source" data-kind={swap.kind}>
      <Badge variant="violet">swapped</Badge>
      {swap.kind === 'mock' ? (
        <span className="text-xs">
          mock plugin{' '}
          {swap.pluginVersion && <span className="font-mono text-[11px] text-muted-foreground">{`${swap.plugin}@${swap.pluginVersion}`}</span>}
        </span>
      ) : swap.kind === 'plugin' ? (
        <span className="font-mono text-xs">{`plugin ${swap.plugin}@${swap.pluginVersion ?? 'newest'}`}</span>
      ) : (
        <span className="truncate font-mono text-xs" title={swap.routingUrl ?? undefined}>
          {swap.routingUrl}
        </span>
      )}
    </span>
  );
}
