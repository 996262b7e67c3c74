import type { ReactNode } from 'react';
import { Logo } from '@/components/brand/logo';

/** The centred frame of the pages shown before the app: login, invitations. */
export function AuthShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-full flex-col items-center bg-surface px-4 py-16">
      <Logo className="mb-8" />
      <main className="w-full max-w-sm">{children}</main>
    </div>
  );
}
