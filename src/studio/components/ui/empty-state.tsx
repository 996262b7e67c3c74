import type { ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { cn } from '@/lib/utils';

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  action?: ReactNode;
  className?: string;
}

export function EmptyState({ icon: Icon, title, description, action, className }: EmptyStateProps) {
  return (
    <div className={cn('flex flex-col items-center justify-center rounded-lg border border-dashed px-6 py-12 text-center', className)}>
      <div className="mb-3 flex size-9 items-center justify-center rounded-md border bg-surface">
        <Icon className="size-4 text-muted-foreground" aria-hidden />
      </div>
      <h3 className="text-[13px] font-medium">{title}</h3>
      <div className="mt-1 max-w-md text-xs text-muted-foreground">{description}</div>
      {action && <div className="mt-4">{action}</div>}
    </div>
  );
}

/** Inline code in prose, e.g. a CLI command in an empty state. */
export function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-muted px-1 py-px font-mono text-[12px] text-foreground">{children}</code>;
}
