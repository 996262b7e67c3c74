import { Building2 } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { AuthShell } from '@/features/auth/components/auth-shell';
import { UserMenu } from '@/components/layout/user-menu';

/** Reached only by someone who was removed from every organization. */
export function Component() {
  return (
    <AuthShell>
      <title>No organization · Switchyard</title>
      <EmptyState
        icon={Building2}
        title="You are not a member of any organization"
        description="Ask an admin of your organization for an invitation link."
        action={<UserMenu />}
      />
    </AuthShell>
  );
}
