import { Link } from 'react-router';
import type { Graph } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { GraphStatusBadge, LabelList } from './graph-status-badge.tsx';

export function GraphsTable({ org, graphs }: { org: string; graphs: Graph[] }) {
  return (
    <Table aria-label="Graphs">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Namespace</TableHead>
          <TableHead>Status</TableHead>
          <TableHead className="text-right">Subgraphs</TableHead>
          <TableHead>Label matchers</TableHead>
          <TableHead>Last composed</TableHead>
          <TableHead>Router URL</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {graphs.map((graph) => {
          const composedAt = graph.latestComposition?.createdAt;
          return (
            <TableRow key={graph.id} data-testid="graph-row" data-graph={graph.name}>
              <TableCell className="font-medium">
                <Link to={paths.org.graph.root.getHref(org, graph.namespace, graph.name)} className="hover:underline">
                  {graph.name}
                </Link>
              </TableCell>
              <TableCell className="text-muted-foreground">{graph.namespace}</TableCell>
              <TableCell>
                <GraphStatusBadge status={graph.status} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{graph.subgraphCount}</TableCell>
              <TableCell>
                <LabelList labels={graph.labelMatchers} empty="unlabelled subgraphs" />
              </TableCell>
              <TableCell className="text-muted-foreground" title={composedAt ? formatDateTime(composedAt) : undefined}>
                {composedAt ? formatRelative(composedAt) : '—'}
              </TableCell>
              <TableCell className="max-w-64 truncate font-mono text-xs text-muted-foreground" title={graph.routingUrl}>
                {graph.routingUrl}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
