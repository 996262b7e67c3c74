import type { ComponentProps } from 'react';
import { cva, type VariantProps } from 'class-variance-authority';
import { CircleAlert, Info, TriangleAlert } from 'lucide-react';
import { cn } from '@/lib/utils';

const alertVariants = cva('flex items-start gap-2 rounded-md border px-3 py-2 text-xs [&>svg]:mt-px [&>svg]:size-3.5 [&>svg]:shrink-0', {
  variants: {
    variant: {
      info: 'border-border bg-surface text-muted-foreground',
      warning: 'border-amber-500/30 bg-amber-500/10 text-amber-800 dark:text-amber-300',
      error: 'border-destructive/30 bg-destructive/10 text-destructive',
    },
  },
  defaultVariants: { variant: 'info' },
});

const icons = { info: Info, warning: TriangleAlert, error: CircleAlert };

/** An inline message: a server error on a form, a warning, a note about permissions. */
export function Alert({ className, variant, children, ...props }: ComponentProps<'div'> & VariantProps<typeof alertVariants>) {
  const Icon = icons[variant ?? 'info'];
  return (
    <div role={variant === 'error' ? 'alert' : 'note'} className={cn(alertVariants({ variant }), className)} {...props}>
      <Icon aria-hidden />
      <div className="min-w-0">{children}</div>
    </div>
  );
}
