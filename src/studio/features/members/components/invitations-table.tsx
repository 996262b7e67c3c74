import type { Invitation } from '../../../../shared/api/organizations.ts';
import { formatDateTime, formatRelative } from '@/lib/format';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { RoleBadge } from '@/components/role-badge';
import { useRevokeInvitation } from '../api/revoke-invitation.ts';

interface InvitationsTableProps {
  org: string;
  invitations: Invitation[];
  canManage: boolean;
}

export function InvitationsTable({ org, invitations, canManage }: InvitationsTableProps) {
  const revoke = useRevokeInvitation(org);
  return (
    <Table aria-label="Pending invitations">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Invited by</TableHead>
          <TableHead>Expires</TableHead>
          {canManage && <TableHead className="w-20">{/* actions */}</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {invitations.map((invitation) => (
          <TableRow key={invitation.id} data-testid="invitation-row" data-email={invitation.email}>
            <TableCell className="font-medium">{invitation.email}</TableCell>
            <TableCell>
              <RoleBadge role={invitation.role} />
            </TableCell>
            <TableCell className="text-muted-foreground">{invitation.invitedBy ?? '—'}</TableCell>
            <TableCell className="text-muted-foreground" title={formatDateTime(invitation.expiresAt)}>
              {formatRelative(invitation.expiresAt)}
            </TableCell>
            {canManage && (
              <TableCell className="text-right">
                <ConfirmDialog
                  title={`Revoke the invitation for ${invitation.email}?`}
                  description="The link stops working at once. You can invite them again later."
                  confirmLabel="Revoke invitation"
                  onConfirm={() => revoke.mutateAsync(invitation.id)}
                  trigger={
                    <Button variant="ghost" size="sm" aria-label={`Revoke invitation for ${invitation.email}`}>
                      Revoke
                    </Button>
                  }
                />
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
