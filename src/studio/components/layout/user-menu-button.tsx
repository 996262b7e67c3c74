import type { ComponentProps } from 'react';
import { ChevronsUpDown } from 'lucide-react';
import type { User } from '../../../shared/api/auth.ts';

// Apart from user-menu.tsx, which loads the menu lazily: the menu shows this button too.

function initials(name: string, email: string): string {
  const words = (name || email).split(/[\s@._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? '?') + (words[1]?.[0] ?? '')).toUpperCase();
}

export function Avatar({ user }: { user: User }) {
  return (
    <span
      aria-hidden
      className="flex size-6 shrink-0 items-center justify-center rounded-full bg-foreground/10 text-[10px] font-semibold text-foreground"
    >
      {initials(user.name, user.email)}
    </span>
  );
}

/** The user menu's button, both before and after the menu code has loaded. */
export function UserMenuButton({ user, ...props }: { user: User } & ComponentProps<'button'>) {
  return (
    <button
      type="button"
      aria-label="User menu"
      aria-haspopup="menu"
      className="flex w-full min-w-0 items-center gap-2 rounded-md px-1.5 py-1 text-left hover:bg-accent data-[state=open]:bg-accent"
      {...props}
    >
      <Avatar user={user} />
      <span className="grid min-w-0 flex-1 leading-tight">
        <span className="truncate text-[13px] font-medium">{user.name}</span>
        <span className="truncate text-[11px] text-muted-foreground">{user.email}</span>
      </span>
      <ChevronsUpDown className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
    </button>
  );
}
