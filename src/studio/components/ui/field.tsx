import { useId, type ReactElement, type ReactNode } from 'react';
import { Slot } from 'radix-ui';
import { Label } from './label.tsx';

interface FieldProps {
  label: string;
  /** A validation message from the form or the server, shown under the control. */
  error?: string | undefined;
  hint?: ReactNode;
  children: ReactElement;
}

/** Label, control and message wired together with ids, so screen readers announce errors. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-message`;
  return (
    <div className="grid gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Slot.Root id={id} aria-invalid={error ? true : undefined} aria-describedby={error || hint ? messageId : undefined}>
        {children}
      </Slot.Root>
      {error ? (
        <p id={messageId} className="text-xs text-destructive">
          {error}
        </p>
      ) : hint ? (
        <p id={messageId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
