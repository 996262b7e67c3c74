import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils';

export function Textarea({ className, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      className={cn(
        'flex w-full min-w-0 rounded-md border border-input bg-background px-2.5 py-1.5 text-[13px] shadow-xs transition-colors',
        'placeholder:text-muted-foreground/70 disabled:cursor-not-allowed disabled:opacity-50',
        'focus-visible:border-ring focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring/25',
        'aria-invalid:border-destructive aria-invalid:ring-destructive/20',
        className,
      )}
      {...props}
    />
  );
}

/** Label matchers are typed one per line ("team=a,team=b" on one line is one matcher). */
export function splitLines(raw: FormDataEntryValue | string | null): string[] {
  const text = typeof raw === 'string' ? raw : '';
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Labels are typed separated by commas, spaces or newlines. */
export function splitLabels(raw: FormDataEntryValue | string | null): string[] {
  const text = typeof raw === 'string' ? raw : '';
  return text.split(/[\s,]+/).filter(Boolean);
}
