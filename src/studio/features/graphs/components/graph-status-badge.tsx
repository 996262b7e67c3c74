import type { Graph } from '../../../../shared/api/graphs.ts';
import { Badge } from '@/components/ui/badge';

const look = {
  composed: { variant: 'success', label: 'composed' },
  failed: { variant: 'danger', label: 'failed' },
  pending: { variant: 'neutral', label: 'never composed' },
} as const;

export function GraphStatusBadge({ status }: { status: Graph['status'] }) {
  const { variant, label } = look[status];
  return (
    <Badge variant={variant} dot data-status={status}>
      {label}
    </Badge>
  );
}

export function CompositionStatusBadge({ status }: { status: 'success' | 'failed' }) {
  return (
    <Badge variant={status === 'success' ? 'success' : 'danger'} dot data-status={status}>
      {status === 'success' ? 'composed' : 'failed'}
    </Badge>
  );
}

export function LabelList({ labels, empty = 'none' }: { labels: string[]; empty?: string }) {
  if (labels.length === 0) return <span className="text-xs text-muted-foreground">{empty}</span>;
  return (
    <span className="inline-flex flex-wrap gap-1">
      {labels.map((l) => (
        <Badge key={l} variant="outline" className="font-mono text-[10.5px]">
          {l}
        </Badge>
      ))}
    </span>
  );
}
