import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { LabelList } from '@/features/graphs/components/graph-status-badge';
import { SubgraphTypeBadge } from '@/features/graphs/components/subgraph-type-badge';
import { useSubgraphs } from '../api/get-subgraphs.ts';

const columns = ['Name', 'Type', 'Labels', 'In graphs', 'Latest version'];

/** Every subgraph of a namespace, including those no graph selects yet. */
export function NamespaceSubgraphs({ org, namespace }: { org: string; namespace: string }) {
  const subgraphs = useSubgraphs(org, namespace);
  if (subgraphs.isSuccess && subgraphs.data.subgraphs.length === 0) return null;

  return (
    <Section title={`Subgraphs in “${namespace}”`} description="A subgraph is in every graph whose label matchers select its labels.">
      {subgraphs.isPending ? (
        <TableSkeleton label="Loading subgraphs" columns={columns} rows={2} />
      ) : subgraphs.isError ? (
        <ErrorState title="Could not load the subgraphs" error={subgraphs.error} onRetry={() => void subgraphs.refetch()} retrying={subgraphs.isFetching} />
      ) : (
        <Table aria-label="Namespace subgraphs">
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <TableHead key={c}>{c}</TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {subgraphs.data.subgraphs.map((s) => (
              <TableRow key={s.id} data-testid="namespace-subgraph-row">
                <TableCell className="font-medium">
                  <Link to={paths.org.subgraph.getHref(org, s.namespace, s.name)} className="hover:underline">
                    {s.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <SubgraphTypeBadge type={s.type} />
                </TableCell>
                <TableCell>
                  <LabelList labels={s.labels} />
                </TableCell>
                <TableCell className="whitespace-normal">
                  {s.graphs.length === 0 ? (
                    <span className="text-xs text-muted-foreground">none</span>
                  ) : (
                    <span className="flex flex-wrap gap-x-2">
                      {s.graphs.map((g) => (
                        <Link key={g} to={paths.org.graph.root.getHref(org, s.namespace, g)} className="hover:underline">
                          {g}
                        </Link>
                      ))}
                    </span>
                  )}
                </TableCell>
                <TableCell className="text-muted-foreground">
                  {s.latestVersion ? (
                    <span title={formatDateTime(s.latestVersion.createdAt)}>
                      v{s.latestVersion.version} · {formatRelative(s.latestVersion.createdAt)}
                    </span>
                  ) : (
                    'no schema'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
