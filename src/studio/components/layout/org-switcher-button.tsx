import type { ComponentProps } from 'react';
import { ChevronsUpDown } from 'lucide-react';
import type { OrganizationMembership } from '../../../shared/api/auth.ts';
import { RoleBadge } from '@/components/role-badge';

// Apart from org-switcher.tsx, which loads the menu lazily: the menu shows this button too.

export function OrgMark({ name }: { name: string }) {
  return (
    <span aria-hidden className="flex size-6 shrink-0 items-center justify-center rounded-md border bg-background text-[11px] font-semibold">
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}

/** The switcher's button, both before and after the menu code has loaded. */
export function OrgSwitcherButton({ org, ...props }: { org: OrganizationMembership } & ComponentProps<'button'>) {
  return (
    <button
      type="button"
      aria-label="Switch organization"
      aria-haspopup="menu"
      className="flex w-full min-w-0 items-center gap-2 rounded-md border bg-background px-1.5 py-1 text-left shadow-xs hover:bg-accent data-[state=open]:bg-accent"
      {...props}
    >
      <OrgMark name={org.name} />
      <span className="min-w-0 flex-1 truncate text-[13px] font-medium">{org.name}</span>
      <RoleBadge role={org.role} />
      <ChevronsUpDown className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
    </button>
  );
}
