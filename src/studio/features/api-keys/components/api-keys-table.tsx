import type { ApiKey } from '../../../../shared/api/organizations.ts';
import { formatDate, formatDateTime, formatRelative } from '@/lib/format';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { RoleBadge } from '@/components/role-badge';
import { useRevokeApiKey } from '../api/revoke-api-key.ts';
import { apiKeyStatus, ApiKeyStatusBadge } from './api-key-status.tsx';

function When({ iso, empty, relative = false }: { iso: string | null; empty: string; relative?: boolean }) {
  if (!iso) return <span className="text-muted-foreground/70">{empty}</span>;
  return <span title={formatDateTime(iso)}>{relative ? formatRelative(iso) : formatDate(iso)}</span>;
}

export function ApiKeysTable({ org, apiKeys }: { org: string; apiKeys: ApiKey[] }) {
  const revoke = useRevokeApiKey(org);
  return (
    <Table aria-label="API keys">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Created</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead className="w-20">{/* actions */}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {apiKeys.map((key) => {
          const status = apiKeyStatus(key);
          return (
            <TableRow key={key.id} data-testid="api-key-row" data-name={key.name}>
              <TableCell>
                <div className="font-medium">{key.name}</div>
                <code className="font-mono text-[11px] text-muted-foreground">{key.prefix}_…</code>
              </TableCell>
              <TableCell>
                <RoleBadge role={key.role} />
              </TableCell>
              <TableCell>
                <ApiKeyStatusBadge status={status} />
              </TableCell>
              <TableCell className="text-muted-foreground">
                <When iso={key.createdAt} empty="—" />
                {key.createdBy && <div className="text-[11px]">by {key.createdBy}</div>}
              </TableCell>
              <TableCell className="text-muted-foreground">
                <When iso={key.lastUsedAt} empty="Never" relative />
              </TableCell>
              <TableCell className="text-muted-foreground">
                <When iso={key.revokedAt ? null : key.expiresAt} empty={key.revokedAt ? '—' : 'Never'} />
              </TableCell>
              <TableCell className="text-right">
                {status !== 'revoked' && (
                  <ConfirmDialog
                    title={`Revoke "${key.name}"?`}
                    description={`Anything using the key ${key.prefix}_… gets 401 from its next request. This cannot be undone.`}
                    confirmLabel="Revoke key"
                    onConfirm={() => revoke.mutateAsync(key.id)}
                    trigger={
                      <Button variant="ghost" size="sm" aria-label={`Revoke ${key.name}`}>
                        Revoke
                      </Button>
                    }
                  />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
