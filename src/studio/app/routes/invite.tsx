import { useNavigate, useParams } from 'react-router';
import { MailX } from 'lucide-react';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner } from '@/components/ui/spinner';
import { useInvitation } from '@/features/auth/api/get-invitation';
import { AcceptInvitationForm } from '@/features/auth/components/accept-invitation-form';
import { AuthShell } from '@/features/auth/components/auth-shell';

export function Component() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const invitation = useInvitation(token);

  let body;
  if (invitation.isPending) {
    body = <PageSpinner label="Loading the invitation" />;
  } else if (invitation.isError) {
    const error = invitation.error;
    // 400 malformed, 404 unknown, 403 revoked or expired, 409 already used: the server says which.
    body =
      isApiError(error) && [400, 403, 404, 409].includes(error.status) ? (
        <EmptyState
          icon={MailX}
          title="This invitation cannot be used"
          description={error.status === 400 ? 'This invitation link is not valid.' : error.message}
          className="bg-card"
        />
      ) : (
        <ErrorState error={error} onRetry={() => void invitation.refetch()} retrying={invitation.isFetching} />
      );
  } else {
    body = (
      <AcceptInvitationForm
        token={token}
        invitation={invitation.data}
        onSuccess={() => void navigate(paths.org.graphs.getHref(invitation.data.organization.slug), { replace: true })}
      />
    );
  }

  return (
    <AuthShell>
      <title>Invitation · Switchyard</title>
      {body}
    </AuthShell>
  );
}
