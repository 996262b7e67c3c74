import { useState } from 'react';
import type { FieldErrors } from '@/lib/form';

/**
 * Open state and field errors of a form in a dialog. Closing it clears the errors and
 * runs `onClose` (reset the mutation and anything else the form showed), so it opens
 * clean next time.
 */
export function useFormDialog(onClose: () => void) {
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setErrors({});
      onClose();
    }
  };
  return { open, setOpen, onOpenChange, errors, setErrors };
}
