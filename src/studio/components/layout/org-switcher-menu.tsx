import { useLocation, useNavigate } from 'react-router';
import { Check } from 'lucide-react';
import { paths } from '@/config/paths';
import { useMe } from '@/features/auth/api/get-me';
import { useCurrentOrg } from '@/hooks/use-current-org';
import { RoleBadge } from '@/components/role-badge';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from '@/components/ui/dropdown-menu';
import { OrgMark, OrgSwitcherButton } from './org-switcher-button.tsx';

/** Switching keeps the section: from acme's members to globex's members. */
export function OrgSwitcherMenu({ defaultOpen }: { defaultOpen: boolean }) {
  const { data: me } = useMe();
  const current = useCurrentOrg();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const prefix = paths.org.root.getHref(current.slug);
  const section = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';

  return (
    <DropdownMenu defaultOpen={defaultOpen}>
      <DropdownMenuTrigger asChild>
        <OrgSwitcherButton org={current} />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="start" className="w-(--radix-dropdown-menu-trigger-width) min-w-56">
        <DropdownMenuLabel>Organizations</DropdownMenuLabel>
        {me?.organizations.map((org) => (
          <DropdownMenuItem key={org.id} onSelect={() => void navigate(paths.org.root.getHref(org.slug) + (section || '/graphs'))}>
            <OrgMark name={org.name} />
            <span className="min-w-0 flex-1 truncate">{org.name}</span>
            <RoleBadge role={org.role} />
            <Check className={org.slug === current.slug ? 'visible' : 'invisible'} aria-hidden />
          </DropdownMenuItem>
        ))}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
