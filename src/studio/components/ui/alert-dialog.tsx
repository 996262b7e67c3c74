import { useState, type ReactElement, type ReactNode } from 'react';
import { AlertDialog as AlertPrimitive } from 'radix-ui';
import { cn } from '@/lib/utils';
import { errorMessage } from '@/lib/api-client';
import { Button } from './button.tsx';
import { overlayClass, panelClass } from './dialog.tsx';

interface ConfirmDialogProps {
  /** The element that opens the confirmation (a button). */
  trigger: ReactElement;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  /** Rejects to keep the dialog open and show the error inside it. */
  onConfirm: () => Promise<unknown>;
  destructive?: boolean;
}

/** An alert dialog for irreversible actions: it stays open until the action finishes. */
export function ConfirmDialog({ trigger, title, description, confirmLabel, onConfirm, destructive = true }: ConfirmDialogProps) {
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    setPending(true);
    setError(null);
    try {
      await onConfirm();
      setOpen(false);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <AlertPrimitive.Root
      open={open}
      onOpenChange={(next) => {
        if (pending) return;
        setOpen(next);
        if (next) setError(null);
      }}
    >
      <AlertPrimitive.Trigger asChild>{trigger}</AlertPrimitive.Trigger>
      <AlertPrimitive.Portal>
        <AlertPrimitive.Overlay className={overlayClass} />
        <AlertPrimitive.Content className={cn(panelClass, 'max-w-sm')}>
          <div className="grid gap-1.5">
            <AlertPrimitive.Title className="text-sm font-semibold">{title}</AlertPrimitive.Title>
            <AlertPrimitive.Description className="text-xs text-muted-foreground">{description}</AlertPrimitive.Description>
          </div>
          {error && (
            <p role="alert" className="rounded-md border border-destructive/30 bg-destructive/10 px-2.5 py-2 text-xs text-destructive">
              {error}
            </p>
          )}
          <div className="flex justify-end gap-2">
            <AlertPrimitive.Cancel asChild>
              <Button variant="outline" disabled={pending}>
                Cancel
              </Button>
            </AlertPrimitive.Cancel>
            <Button
              variant={destructive ? 'destructive' : 'default'}
              loading={pending}
              onClick={(event) => {
                // Radix's Action closes at once; this button closes only after success.
                event.preventDefault();
                void confirm();
              }}
            >
              {confirmLabel}
            </Button>
          </div>
        </AlertPrimitive.Content>
      </AlertPrimitive.Portal>
    </AlertPrimitive.Root>
  );
}
