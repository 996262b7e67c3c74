import { KeyRound } from 'lucide-react';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useRouterTokens } from '../api/get-router-tokens.ts';
import { useRevokeRouterToken } from '../api/revoke-router-token.ts';
import { CreateRouterTokenDialog } from './create-router-token-dialog.tsx';

const columns = ['Name', 'Prefix', 'Created', 'Last used', 'Status'];

export function RouterTokensPanel({ org, namespace, graph }: { org: CurrentOrg; namespace: string; graph: string }) {
  const tokens = useRouterTokens(org.slug, namespace, graph);
  const revoke = useRevokeRouterToken(org.slug, namespace, graph);
  const canWrite = org.role !== 'viewer';

  let body;
  if (tokens.isPending) body = <TableSkeleton label="Loading router tokens" columns={columns} />;
  else if (tokens.isError) {
    body = <ErrorState title="Could not load the router tokens" error={tokens.error} onRetry={() => void tokens.refetch()} retrying={tokens.isFetching} />;
  } else if (tokens.data.routerTokens.length === 0) {
    body = (
      <EmptyState
        icon={KeyRound}
        title="No router tokens"
        description="A router pulls this graph's config with a router token. Create one per router or environment, so each can be revoked alone."
      />
    );
  } else {
    body = (
      <Table aria-label="Router tokens">
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c}>{c}</TableHead>
            ))}
            {canWrite && <TableHead className="w-20">{/* actions */}</TableHead>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {tokens.data.routerTokens.map((t) => (
            <TableRow key={t.id} data-testid="router-token-row" data-name={t.name}>
              <TableCell className="font-medium">{t.name}</TableCell>
              <TableCell className="font-mono text-xs text-muted-foreground">{t.prefix}…</TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(t.createdAt)}>
                {formatRelative(t.createdAt)} by {t.createdBy}
              </TableCell>
              <TableCell className="text-muted-foreground" title={t.lastUsedAt ? formatDateTime(t.lastUsedAt) : undefined}>
                {t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'never'}
              </TableCell>
              <TableCell>
                {t.revokedAt ? (
                  <Badge variant="neutral" title={formatDateTime(t.revokedAt)}>
                    revoked
                  </Badge>
                ) : (
                  <Badge variant="success" dot>
                    active
                  </Badge>
                )}
              </TableCell>
              {canWrite && (
                <TableCell className="text-right">
                  {!t.revokedAt && (
                    <ConfirmDialog
                      title={`Revoke "${t.name}"?`}
                      description="Routers using it can no longer fetch configs, and their change streams close at once."
                      confirmLabel="Revoke token"
                      onConfirm={() => revoke.mutateAsync(t.id)}
                      trigger={
                        <Button variant="ghost" size="sm" aria-label={`Revoke ${t.name}`}>
                          Revoke
                        </Button>
                      }
                    />
                  )}
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <Section
      title="Router tokens"
      description="Credentials with which routers fetch this graph's config. Shown once, stored hashed."
      // One dialog, always in the header: one inside the empty state would unmount (losing the
      // secret it shows) as soon as the new token makes the list non-empty.
      actions={canWrite ? <CreateRouterTokenDialog org={org.slug} namespace={namespace} graph={graph} /> : undefined}
    >
      {!canWrite && <Alert>You are a viewer here: developers and admins create and revoke router tokens.</Alert>}
      {body}
    </Section>
  );
}
