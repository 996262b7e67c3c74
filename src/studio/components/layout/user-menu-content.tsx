import { Link, useParams } from 'react-router';
import { LogOut, MonitorSmartphone } from 'lucide-react';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/api-client';
import { useMe } from '@/features/auth/api/get-me';
import { useLogout } from '@/features/auth/api/logout';
import { useToast } from '@/components/ui/toast';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { UserMenuButton } from './user-menu-button.tsx';

export function UserMenuContent({ defaultOpen }: { defaultOpen: boolean }) {
  const { data: me } = useMe();
  const { org } = useParams();
  const logout = useLogout();
  const { toast } = useToast();
  if (!me) return null;

  const logOut = () =>
    logout.mutate(undefined, {
      // A full load, not a client-side navigation: nothing of this session stays in memory.
      // After SSO the IdP ends its session too, then sends the browser back to the login page.
      onSuccess: (endSessionUrl) => window.location.replace(endSessionUrl ?? paths.login.getHref()),
      onError: (err) => toast({ variant: 'error', title: 'Could not log out', description: errorMessage(err) }),
    });

  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <UserMenuButton user={me.user} />
      </DropdownMenuTrigger>
      <DropdownMenuContent side="top" align="start" className="w-(--radix-dropdown-menu-trigger-width) min-w-56">
        <DropdownMenuLabel className="grid font-normal">
          <span className="truncate text-[13px] font-medium text-foreground">{me.user.name}</span>
          <span className="truncate">{me.user.email}</span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        {org && (
          <DropdownMenuItem asChild>
            <Link to={paths.org.settings.sessions.getHref(org)}>
              <MonitorSmartphone aria-hidden />
              Sessions
            </Link>
          </DropdownMenuItem>
        )}
        <DropdownMenuItem onSelect={logOut} disabled={logout.isPending}>
          <LogOut aria-hidden />
          Log out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
