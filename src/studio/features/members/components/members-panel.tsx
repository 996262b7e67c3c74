import { MailPlus } from 'lucide-react';
import { useMe } from '@/features/auth/api/get-me';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useMembers } from '../api/get-members.ts';
import { InvitationsTable } from './invitations-table.tsx';
import { InviteMemberDialog } from './invite-member-dialog.tsx';
import { MembersTable } from './members-table.tsx';

export function MembersPanel({ org }: { org: CurrentOrg }) {
  const members = useMembers(org.slug);
  const { data: me } = useMe();

  let body;
  if (members.isPending) {
    body = <TableSkeleton label="Loading members" columns={['Email', 'Name', 'Role', 'Joined']} />;
  } else if (members.isError) {
    body = (
      <ErrorState
        title="Could not load the members"
        error={members.error}
        onRetry={() => void members.refetch()}
        retrying={members.isFetching}
      />
    );
  } else {
    const { invitations } = members.data;
    body = (
      <div className="grid gap-8">
        <MembersTable org={org} members={members.data.members} currentUserId={me?.user.id ?? ''} canManage={org.isAdmin} />
        <Section
          title="Pending invitations"
          description={org.isAdmin ? 'Open links that have not been used yet.' : undefined}
        >
          {invitations.length > 0 ? (
            <InvitationsTable org={org.slug} invitations={invitations} canManage={org.isAdmin} />
          ) : (
            <EmptyState
              icon={MailPlus}
              title="No pending invitations"
              description={org.isAdmin ? 'Invite someone to get a one-time link to pass on.' : 'Admins invite new members.'}
              className="py-8"
            />
          )}
        </Section>
      </div>
    );
  }

  return (
    <Section
      title="Members"
      description={`People with access to ${org.name} and their roles.`}
      actions={org.isAdmin ? <InviteMemberDialog org={org} /> : undefined}
    >
      {!org.isAdmin && (
        <Alert>
          You are a <strong className="font-medium text-foreground">{org.role}</strong> here. Only admins invite, change
          roles and remove members.
        </Alert>
      )}
      {body}
    </Section>
  );
}
