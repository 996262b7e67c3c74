import { Toast as ToastPrimitive } from 'radix-ui';
import { CircleAlert, CircleCheck, X } from 'lucide-react';
import { cn } from '@/lib/utils';
import type { ToastItem } from './toast-types.ts';

export function Toaster({ items, onRemove }: { items: ToastItem[]; onRemove: (id: number) => void }) {
  return (
    <ToastPrimitive.Provider swipeDirection="right">
      {items.map((item) => (
        <ToastPrimitive.Root
          key={item.id}
          type={item.variant === 'error' ? 'foreground' : 'background'}
          // Errors stay long enough to read; the rest fade after a few seconds.
          duration={item.variant === 'error' ? 10_000 : 5000}
          onOpenChange={(open) => !open && onRemove(item.id)}
          className={cn(
            'pointer-events-auto relative flex w-full items-start gap-2.5 rounded-lg border bg-popover p-3 pr-8 shadow-lg animate-slide-in',
            'data-[swipe=move]:translate-x-(--radix-toast-swipe-move-x)',
            item.variant === 'error' && 'border-destructive/40',
          )}
        >
          {item.variant === 'error' ? (
            <CircleAlert className="mt-px size-4 shrink-0 text-destructive" aria-hidden />
          ) : item.variant === 'success' ? (
            <CircleCheck className="mt-px size-4 shrink-0 text-emerald-600 dark:text-emerald-400" aria-hidden />
          ) : null}
          <div className="grid gap-0.5">
            <ToastPrimitive.Title className="text-[13px] font-medium">{item.title}</ToastPrimitive.Title>
            {item.description && (
              <ToastPrimitive.Description className="text-xs text-muted-foreground">{item.description}</ToastPrimitive.Description>
            )}
          </div>
          <ToastPrimitive.Close
            aria-label="Dismiss"
            className="absolute right-2 top-2 rounded-sm p-0.5 text-muted-foreground opacity-70 hover:opacity-100"
          >
            <X className="size-3.5" aria-hidden />
          </ToastPrimitive.Close>
        </ToastPrimitive.Root>
      ))}
      <ToastPrimitive.Viewport className="fixed bottom-0 right-0 z-[100] flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </ToastPrimitive.Provider>
  );
}
