import { History } from 'lucide-react';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { CompositionStatusBadge } from '@/features/graphs/components/graph-status-badge';
import { useFlagCompositions } from '../api/get-flag-compositions.ts';

const COLUMNS = ['Status', 'Graph', 'Trigger', 'By', 'When'];

/** Every composition of the flag is kept, like a graph's: what changed it, and whether it composed. */
export function FlagCompositions({ org, namespace, flag }: { org: string; namespace: string; flag: string }) {
  const history = useFlagCompositions(org, namespace, flag);
  let body;
  if (history.isPending) body = <TableSkeleton label="Loading the composition history" columns={COLUMNS} rows={2} />;
  else if (history.isError) {
    body = <ErrorState title="Could not load the composition history" error={history.error} onRetry={() => void history.refetch()} />;
  } else if (history.data.compositions.length === 0) {
    body = <EmptyState icon={History} title="Never composed" description="The flag composes when it is created and on every swap, restore or publish of a subgraph it uses." className="py-8" />;
  } else {
    body = (
      <Table aria-label="Composition history">
        <TableHeader>
          <TableRow>
            {COLUMNS.map((c) => (
              <TableHead key={c}>{c}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {history.data.compositions.map((c) => (
            <TableRow key={c.id} data-testid="flag-composition-row">
              <TableCell>
                <span className="inline-flex items-center gap-1.5">
                  <CompositionStatusBadge status={c.status} />
                  {c.errors.length > 0 && (
                    <span className="text-xs text-destructive">
                      {c.errors.length} {c.errors.length === 1 ? 'error' : 'errors'}
                    </span>
                  )}
                </span>
              </TableCell>
              <TableCell>{c.graph}</TableCell>
              <TableCell className="max-w-96 truncate text-xs" title={c.trigger}>
                {c.trigger}
              </TableCell>
              <TableCell className="text-xs text-muted-foreground">{c.triggeredBy}</TableCell>
              <TableCell className="text-xs text-muted-foreground" title={formatDateTime(c.createdAt)}>
                {formatRelative(c.createdAt)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }
  return (
    <Section title="Composition history" description="Newest first; the last 20.">
      {body}
    </Section>
  );
}
