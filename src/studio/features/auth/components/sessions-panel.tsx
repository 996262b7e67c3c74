import { MonitorSmartphone } from 'lucide-react';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useToast } from '@/components/ui/toast';
import { useSessions } from '../api/get-sessions.ts';
import { useRevokeSession } from '../api/revoke-session.ts';

/** A readable device from a user agent, without a parsing library. */
function device(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /(Edg|Firefox|Chrome|Safari)\/[\d.]+/.exec(userAgent)?.[1]?.replace('Edg', 'Edge') ?? 'Browser';
  const os = /(Windows|Mac OS X|Linux|Android|iPhone|iPad)/.exec(userAgent)?.[1]?.replace('Mac OS X', 'macOS') ?? '';
  return os ? `${browser} on ${os}` : browser;
}

export function SessionsPanel() {
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const { toast } = useToast();

  let body;
  if (sessions.isPending) {
    body = <TableSkeleton label="Loading sessions" columns={['Device', 'Signed in', 'Last active', 'Expires']} />;
  } else if (sessions.isError) {
    body = <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} retrying={sessions.isFetching} />;
  } else if (sessions.data.sessions.length === 0) {
    body = <EmptyState icon={MonitorSmartphone} title="No active sessions" description="You are signed in with an API key." />;
  } else {
    body = (
      <Table aria-label="Sessions">
        <TableHeader>
          <TableRow>
            <TableHead>Device</TableHead>
            <TableHead>Signed in</TableHead>
            <TableHead>Last active</TableHead>
            <TableHead>Expires</TableHead>
            <TableHead className="w-20">{/* actions */}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {sessions.data.sessions.map((session) => (
            <TableRow key={session.id}>
              <TableCell className="font-medium" title={session.userAgent ?? undefined}>
                {device(session.userAgent)}
                {session.current && (
                  <Badge variant="success" className="ml-2">
                    this browser
                  </Badge>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground">{formatDateTime(session.createdAt)}</TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(session.lastSeenAt)}>
                {formatRelative(session.lastSeenAt)}
              </TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(session.expiresAt)}>
                {formatRelative(session.expiresAt)}
              </TableCell>
              <TableCell className="text-right">
                {!session.current && (
                  <ConfirmDialog
                    title="End this session?"
                    description={`${device(session.userAgent)} will have to log in again.`}
                    confirmLabel="End session"
                    onConfirm={() =>
                      revoke.mutateAsync(session.id).then(() => toast({ variant: 'success', title: 'Session ended' }))
                    }
                    trigger={
                      <Button variant="ghost" size="sm">
                        End
                      </Button>
                    }
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    );
  }

  return (
    <Section title="Your sessions" description="Browsers where you are logged in. End any you do not recognise.">
      {body}
    </Section>
  );
}
