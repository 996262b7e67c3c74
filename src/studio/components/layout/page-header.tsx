import type { ReactNode } from 'react';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** The document title's middle part, usually the organization. */
  context?: string;
}

export function PageHeader({ title, description, actions, context }: PageHeaderProps) {
  return (
    <header className="flex items-start justify-between gap-4 border-b px-6 py-4">
      <title>{[title, context, 'Switchyard'].filter(Boolean).join(' · ')}</title>
      <div className="min-w-0">
        <h1 className="text-base font-semibold tracking-tight">{title}</h1>
        {description && <p className="mt-0.5 text-xs text-muted-foreground">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </header>
  );
}

/** The body of a page under its header. */
export function PageBody({ children }: { children: ReactNode }) {
  return <div className="max-w-6xl px-6 py-5">{children}</div>;
}

/** A titled block within a page (e.g. "Members", "Pending invitations"). */
export function Section({ title, description, actions, children }: PageHeaderProps & { children: ReactNode }) {
  return (
    <section className="grid gap-3">
      <div className="flex items-end justify-between gap-4">
        <div>
          <h2 className="text-[13px] font-semibold">{title}</h2>
          {description && <p className="text-xs text-muted-foreground">{description}</p>}
        </div>
        {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
