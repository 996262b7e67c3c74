import { Link } from 'react-router';
import type { FeatureFlag } from '../../../../shared/api/feature-flags.ts';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { EnabledBadge, FlagStatusSummary } from './flag-badges.tsx';

/** Flags with their state; `graph` links each to its page for that graph (the per-graph tab). */
export function FlagsTable({ org, flags, graph }: { org: string; flags: FeatureFlag[]; graph?: string }) {
  return (
    <Table aria-label="Feature flags">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          {!graph && <TableHead>Graphs</TableHead>}
          <TableHead>State</TableHead>
          <TableHead>Composition</TableHead>
          <TableHead className="text-right">Swapped subgraphs</TableHead>
          <TableHead>Updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {flags.map((flag) => {
          const state = graph ? flag.graphs.filter((g) => g.graph === graph) : flag.graphs;
          return (
            <TableRow key={flag.id} data-testid="flag-row" data-flag={flag.name}>
              <TableCell className="max-w-72">
                <Link to={paths.org.featureFlag.getHref(org, flag.namespace, flag.name, graph)} className="font-medium hover:underline">
                  {flag.name}
                </Link>
                {flag.description && <p className="truncate text-xs text-muted-foreground">{flag.description}</p>}
              </TableCell>
              {!graph && (
                <TableCell className="text-xs">
                  {flag.graphs.length === 0 ? (
                    <span className="text-muted-foreground">none</span>
                  ) : (
                    <span className="inline-flex flex-wrap gap-x-2">
                      {flag.graphs.map((g) => (
                        <Link key={g.graph} to={paths.org.graph.root.getHref(org, flag.namespace, g.graph)} className="hover:underline">
                          {g.graph}
                        </Link>
                      ))}
                    </span>
                  )}
                </TableCell>
              )}
              <TableCell>
                <EnabledBadge enabled={flag.enabled} />
              </TableCell>
              <TableCell>
                <FlagStatusSummary flag={{ ...flag, graphs: state }} />
              </TableCell>
              <TableCell className="text-right tabular-nums">{flag.featureSubgraphs.length}</TableCell>
              <TableCell className="text-xs text-muted-foreground" title={formatDateTime(flag.updatedAt)}>
                {formatRelative(flag.updatedAt)} by {flag.updatedBy}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
