import { NavLink, Outlet } from 'react-router';
import { paths } from '@/config/paths';
import { cn } from '@/lib/utils';
import { useCurrentOrg } from '@/hooks/use-current-org';

const tabs = [
  { label: 'Members', href: paths.org.settings.members.getHref },
  { label: 'API keys', href: paths.org.settings.apiKeys.getHref },
  { label: 'Sessions', href: paths.org.settings.sessions.getHref },
  { label: 'Audit log', href: paths.org.settings.audit.getHref },
];

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <header className="border-b px-6 pt-4">
        <h1 className="text-base font-semibold tracking-tight">Settings</h1>
        <p className="mt-0.5 text-xs text-muted-foreground">{org.name}</p>
        <nav aria-label="Settings" className="-mb-px mt-3 flex gap-4">
          {tabs.map((tab) => (
            <NavLink
              key={tab.label}
              to={tab.href(org.slug)}
              className={({ isActive }) =>
                cn(
                  'border-b-2 border-transparent pb-2 text-[13px] text-muted-foreground transition-colors hover:text-foreground',
                  isActive && 'border-foreground font-medium text-foreground',
                )
              }
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <div className="max-w-6xl px-6 py-5">
        <Outlet />
      </div>
    </>
  );
}
