import { NavLink } from 'react-router';
import { Flag, Play, Puzzle, Settings, Waypoints, type LucideIcon } from 'lucide-react';
import { paths } from '@/config/paths';
import { cn } from '@/lib/utils';

const items: { label: string; href: (org: string) => string; icon: LucideIcon }[] = [
  { label: 'Graphs', href: paths.org.graphs.getHref, icon: Waypoints },
  { label: 'Feature flags', href: paths.org.featureFlags.getHref, icon: Flag },
  { label: 'Plugins', href: paths.org.plugins.getHref, icon: Puzzle },
  { label: 'Playground', href: paths.org.playground.getHref, icon: Play },
  { label: 'Settings', href: paths.org.settings.root.getHref, icon: Settings },
];

export function SidebarNav({ org }: { org: string }) {
  return (
    <nav aria-label="Main" className="grid gap-px">
      {items.map(({ label, href, icon: Icon }) => (
        <NavLink
          key={label}
          to={href(org)}
          className={({ isActive }) =>
            cn(
              'flex h-7 items-center gap-2 rounded-md px-2 text-[13px] text-muted-foreground transition-colors hover:bg-accent hover:text-foreground',
              isActive && 'bg-accent font-medium text-foreground',
            )
          }
        >
          <Icon className="size-3.5 shrink-0" aria-hidden />
          {label}
        </NavLink>
      ))}
    </nav>
  );
}
