import type { ReactNode } from 'react';
import { Logo } from '@/components/brand/logo';
import { useCurrentOrg } from '@/hooks/use-current-org';
import { OrgSwitcher } from './org-switcher.tsx';
import { SidebarNav } from './sidebar-nav.tsx';
import { ThemeToggle } from './theme-toggle.tsx';
import { UserMenu } from './user-menu.tsx';

/** The frame of every page inside an organization: sidebar on the left, page on the right. */
export function AppLayout({ children }: { children: ReactNode }) {
  const org = useCurrentOrg();
  return (
    <div className="flex h-full">
      <aside className="flex w-60 shrink-0 flex-col border-r bg-surface">
        <div className="flex h-12 items-center px-4">
          <Logo />
        </div>
        <div className="px-3 pb-3">
          <OrgSwitcher />
        </div>
        <div className="flex-1 overflow-y-auto px-3">
          <SidebarNav org={org.slug} />
        </div>
        <div className="grid gap-2 border-t p-3">
          <div className="flex items-center justify-between px-1">
            <span className="text-[11px] text-muted-foreground">Theme</span>
            <ThemeToggle />
          </div>
          <UserMenu />
        </div>
      </aside>
      <main className="min-w-0 flex-1 overflow-y-auto">{children}</main>
    </div>
  );
}
