import { Link } from 'react-router';
import { ScrollText } from 'lucide-react';
import type { AuditEntry } from '../../../../shared/api/audit.ts';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useAuditLog } from '../api/get-audit-log.ts';

const columns = ['When', 'Who', 'Action', 'Resource', 'Details'];
const actorVariant = { user: 'outline', api_key: 'info', system: 'neutral' } as const;

function ResourceLink({ org, entry }: { org: string; entry: AuditEntry }) {
  const ns = entry.namespace;
  const name = entry.resourceName;
  // Deleted resources still link; their page then says "not found", which is the truth.
  if (ns && entry.resourceType === 'graph') return <Link to={paths.org.graph.root.getHref(org, ns, name)} className="hover:underline">{name}</Link>;
  if (ns && entry.resourceType === 'subgraph') return <Link to={paths.org.subgraph.getHref(org, ns, name)} className="hover:underline">{name}</Link>;
  return <span>{name}</span>;
}

function describeDetails(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v)}`)
    .join(' · ');
}

export function AuditLogPanel({ org }: { org: CurrentOrg }) {
  const log = useAuditLog(org.slug);

  let body;
  if (log.isPending) body = <TableSkeleton label="Loading the audit log" columns={columns} rows={6} />;
  else if (log.isError) body = <ErrorState title="Could not load the audit log" error={log.error} onRetry={() => void log.refetch()} retrying={log.isFetching} />;
  else {
    const entries = log.data.pages.flatMap((p) => p.entries);
    body =
      entries.length === 0 ? (
        <EmptyState icon={ScrollText} title="Nothing recorded yet" description="Creating, changing and deleting graphs, subgraphs, schemas and router tokens is recorded here." />
      ) : (
        <div className="grid gap-3">
          <Table aria-label="Audit log">
            <TableHeader>
              <TableRow>
                {columns.map((c) => (
                  <TableHead key={c}>{c}</TableHead>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {entries.map((e) => {
                const details = describeDetails(e.details);
                return (
                  <TableRow key={e.id} data-testid="audit-row">
                    <TableCell className="text-muted-foreground" title={formatDateTime(e.createdAt)}>
                      {formatRelative(e.createdAt)}
                    </TableCell>
                    <TableCell>
                      <Badge variant={actorVariant[e.actor.kind]}>{e.actor.label}</Badge>
                    </TableCell>
                    <TableCell className="font-mono text-xs">{e.action}</TableCell>
                    <TableCell>
                      <span className="text-xs text-muted-foreground">{e.resourceType.replace('_', ' ')} </span>
                      <span className="font-medium">
                        <ResourceLink org={org.slug} entry={e} />
                      </span>
                      {e.namespace && <span className="text-xs text-muted-foreground"> in {e.namespace}</span>}
                    </TableCell>
                    <TableCell className="max-w-96 truncate text-xs text-muted-foreground" title={details}>
                      {details || '—'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
          {log.hasNextPage && (
            <div className="flex justify-center">
              <Button variant="outline" size="sm" loading={log.isFetchingNextPage} onClick={() => void log.fetchNextPage()}>
                Load older entries
              </Button>
            </div>
          )}
        </div>
      );
  }

  return (
    <Section title="Audit log" description={`Who changed what in ${org.name}'s graph registry, newest first.`}>
      {body}
    </Section>
  );
}
