import { LoaderCircle } from 'lucide-react';
import { cn } from '@/lib/utils';

export function Spinner({ className, label = 'Loading' }: { className?: string; label?: string }) {
  return (
    <LoaderCircle role="status" aria-label={label} className={cn('size-4 animate-spin text-muted-foreground', className)} />
  );
}

/** Centred in the page while a route or a whole page's data loads. */
export function PageSpinner({ label = 'Loading' }: { label?: string }) {
  return (
    <div className="flex h-full min-h-40 w-full items-center justify-center gap-2 text-muted-foreground">
      <Spinner label={label} />
      <span className="text-xs">{label}…</span>
    </div>
  );
}

export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('animate-pulse rounded bg-muted', className)} />;
}
