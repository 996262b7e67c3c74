import { Link } from 'react-router';
import { History } from 'lucide-react';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useCompositions } from '../api/get-compositions.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { CompositionStatusBadge } from './graph-status-badge.tsx';

const columns = ['When', 'Status', 'Triggered by', 'Cause', 'Subgraph versions'];

export function CompositionHistory() {
  const { org, namespace, graph } = useGraphParams();
  const history = useCompositions(org, namespace, graph);

  if (history.isPending) return <TableSkeleton label="Loading compositions" columns={columns} />;
  if (history.isError) {
    return <ErrorState title="Could not load the history" error={history.error} onRetry={() => void history.refetch()} retrying={history.isFetching} />;
  }
  const compositions = history.data.pages.flatMap((p) => p.compositions);
  if (compositions.length === 0) {
    return (
      <EmptyState
        icon={History}
        title="No compositions yet"
        description={
          <>
            Every schema publish, routing URL or label change recomposes the graph and is recorded here. Start with{' '}
            <Code>switchyard subgraph publish</Code>.
          </>
        }
      />
    );
  }

  return (
    <div className="grid gap-3">
      <Table aria-label="Compositions">
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c}>{c}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {compositions.map((c) => (
            <TableRow key={c.id} data-testid="composition-row" data-status={c.status}>
              <TableCell title={formatDateTime(c.createdAt)}>
                <Link to={paths.org.graph.composition.getHref(org, namespace, graph, c.id)} className="font-medium hover:underline">
                  {formatRelative(c.createdAt)}
                </Link>
              </TableCell>
              <TableCell>
                <span className="inline-flex items-center gap-1.5">
                  <CompositionStatusBadge status={c.status} />
                  {c.served && <Badge variant="info">served</Badge>}
                  {c.status === 'failed' && <span className="text-xs text-muted-foreground">{c.errors.length} {c.errors.length === 1 ? 'error' : 'errors'}</span>}
                </span>
              </TableCell>
              <TableCell className="text-muted-foreground">{c.triggeredBy}</TableCell>
              <TableCell className="max-w-72 truncate" title={c.trigger}>
                {c.trigger}
              </TableCell>
              <TableCell className="whitespace-normal">
                <span className="inline-flex flex-wrap gap-1">
                  {c.subgraphs.map((s) => (
                    <Badge key={s.subgraphId} variant="outline" className="font-mono text-[10.5px]">
                      {s.name}@v{s.version}
                    </Badge>
                  ))}
                </span>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {history.hasNextPage && (
        <div className="flex justify-center">
          <Button variant="outline" size="sm" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
            Load older compositions
          </Button>
        </div>
      )}
    </div>
  );
}
