import { Link } from 'react-router';
import { ArrowLeftRight, Undo2 } from 'lucide-react';
import type { FeatureFlagDetail } from '../../../../shared/api/feature-flags.ts';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { SubgraphTypeBadge } from '@/features/graphs/components/subgraph-type-badge';
import type { FlagSubgraphRow } from '../flag-types.ts';
import { SubgraphSource } from './flag-badges.tsx';
import { SwapDialog } from './swap-dialog.tsx';

interface FlagSubgraphsTableProps {
  org: string;
  flag: FeatureFlagDetail;
  rows: FlagSubgraphRow[];
  canWrite: boolean;
  restoring: string | null;
  onRestore: (subgraph: string) => void;
}

export function FlagSubgraphsTable({ org, flag, rows, canWrite, restoring, onRestore }: FlagSubgraphsTableProps) {
  return (
    <Table aria-label="Subgraphs in this flag">
      <TableHeader>
        <TableRow>
          <TableHead>Subgraph</TableHead>
          <TableHead>Base type</TableHead>
          <TableHead>Source in this flag</TableHead>
          <TableHead>Swapped</TableHead>
          {canWrite && <TableHead className="text-right">Actions</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.name} data-testid="flag-subgraph-row" data-subgraph={row.name}>
            <TableCell className="font-medium">
              <Link to={paths.org.subgraph.getHref(org, flag.namespace, row.name)} className="hover:underline">
                {row.name}
              </Link>
            </TableCell>
            <TableCell>
              <SubgraphTypeBadge type={row.baseKind} />
            </TableCell>
            <TableCell className="max-w-md">
              <SubgraphSource row={row} />
            </TableCell>
            <TableCell className="text-xs text-muted-foreground" title={row.swap ? formatDateTime(row.swap.createdAt) : undefined}>
              {row.swap ? `${formatRelative(row.swap.createdAt)} by ${row.swap.createdBy}` : '—'}
            </TableCell>
            {canWrite && (
              <TableCell className="text-right">
                <div className="flex justify-end gap-1.5">
                  <SwapDialog
                    org={org}
                    flag={flag}
                    row={row}
                    trigger={
                      <Button size="sm" variant="outline" aria-label={`Swap ${row.name}`}>
                        <ArrowLeftRight aria-hidden />
                        {row.swap ? 'Change swap' : 'Swap'}
                      </Button>
                    }
                  />
                  {row.swap && (
                    <Button size="sm" variant="ghost" aria-label={`Restore ${row.name}`} loading={restoring === row.name} onClick={() => onRestore(row.name)}>
                      {restoring !== row.name && <Undo2 aria-hidden />}
                      Restore
                    </Button>
                  )}
                </div>
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
