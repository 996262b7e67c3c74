import type { ReactNode } from 'react';
import { Button } from './button.tsx';
import { DialogClose, DialogFooter } from './dialog.tsx';

interface FormDialogFooterProps {
  submitLabel: ReactNode;
  pending: boolean;
  disabled?: boolean;
  /** more buttons, placed between Cancel and the submit button */
  children?: ReactNode;
}

/** The end of every form dialog: Cancel, then the submit button with its pending state. */
export function FormDialogFooter({ submitLabel, pending, disabled, children }: FormDialogFooterProps) {
  return (
    <DialogFooter>
      <DialogClose asChild>
        <Button variant="outline" type="button">
          Cancel
        </Button>
      </DialogClose>
      {children}
      <Button type="submit" loading={pending} disabled={disabled}>
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
