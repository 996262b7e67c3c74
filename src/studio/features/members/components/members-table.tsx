import { Trash2 } from 'lucide-react';
import type { Member } from '../../../../shared/api/organizations.ts';
import type { Role } from '../../../../shared/roles.ts';
import { errorMessage } from '@/lib/api-client';
import { formatDate, formatDateTime } from '@/lib/format';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { useToast } from '@/components/ui/toast';
import { RoleBadge } from '@/components/role-badge';
import { RoleSelect } from '@/components/role-select';
import { useChangeMemberRole } from '../api/change-member-role.ts';
import { useRemoveMember } from '../api/remove-member.ts';

interface MembersTableProps {
  org: { slug: string; name: string };
  members: Member[];
  currentUserId: string;
  /** Admins get role selects and remove buttons; others a read-only list. */
  canManage: boolean;
}

export function MembersTable({ org, members, currentUserId, canManage }: MembersTableProps) {
  const changeRole = useChangeMemberRole(org.slug);
  const remove = useRemoveMember(org.slug);
  const { toast } = useToast();

  const onRoleChange = (member: Member, role: Role) =>
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: () => toast({ variant: 'success', title: `${member.email} is now ${role}` }),
        onError: (err) => toast({ variant: 'error', title: 'Could not change the role', description: errorMessage(err) }),
      },
    );

  return (
    <Table aria-label="Members">
      <TableHeader>
        <TableRow>
          <TableHead>Email</TableHead>
          <TableHead>Name</TableHead>
          <TableHead className="w-36">Role</TableHead>
          <TableHead>Joined</TableHead>
          {canManage && <TableHead className="w-12">{/* actions */}</TableHead>}
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => {
          const isMe = member.userId === currentUserId;
          const pending = changeRole.isPending && changeRole.variables?.userId === member.userId;
          return (
            <TableRow key={member.userId} data-testid="member-row" data-email={member.email}>
              <TableCell className="font-medium">
                {member.email}
                {isMe && (
                  <Badge variant="outline" className="ml-2">
                    you
                  </Badge>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground">{member.name}</TableCell>
              <TableCell>
                {canManage ? (
                  <RoleSelect
                    size="sm"
                    aria-label={`Role of ${member.email}`}
                    value={member.role}
                    disabled={pending}
                    onValueChange={(role) => role !== member.role && onRoleChange(member, role)}
                  />
                ) : (
                  <RoleBadge role={member.role} />
                )}
              </TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(member.joinedAt)}>
                {formatDate(member.joinedAt)}
              </TableCell>
              {canManage && (
                <TableCell className="text-right">
                  <ConfirmDialog
                    title={`Remove ${member.email}?`}
                    description={
                      isMe
                        ? `You will lose access to ${org.name} at once.`
                        : `They lose access to ${org.name} at once. Their account is kept.`
                    }
                    confirmLabel="Remove member"
                    onConfirm={() => remove.mutateAsync(member.userId)}
                    trigger={
                      <Button
                        variant="ghost"
                        size="icon-sm"
                        aria-label={`Remove ${member.email}`}
                        title="Remove member"
                        className="text-muted-foreground hover:text-destructive"
                      >
                        <Trash2 aria-hidden />
                      </Button>
                    }
                  />
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
