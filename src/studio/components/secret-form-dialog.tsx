import { useState, type FormEvent, type ReactNode } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { z } from 'zod';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate, type FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretBox } from '@/components/ui/copy-button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

/** What the dialog shows once the secret exists: it is shown this once and never again. */
export interface ShownSecret {
  title: ReactNode;
  description: ReactNode;
  /** e.g. "Copy the key now. It is stored hashed and will not be shown again." */
  warning?: string;
  /** Names the secret's box, e.g. "API key". */
  label: string;
  value: string;
  closeLabel?: string;
}

interface SecretFormDialogProps<S extends z.ZodType, Created> {
  /** The trigger button's icon and text. */
  trigger: ReactNode;
  title: ReactNode;
  description: ReactNode;
  /** The form's fields; `errors` holds each field's message by name. */
  fields: (errors: FieldErrors) => ReactNode;
  submitLabel: string;
  schema: S;
  /** The values to validate with `schema`, from the submitted form. */
  values: (form: FormData) => unknown;
  mutation: UseMutationResult<Created, Error, z.output<S>>;
  secret: (created: Created) => ShownSecret;
  /** Resets the caller's own form state (a role picked, …) when the dialog closes. */
  onReset?: () => void;
  className?: string;
}

/**
 * A dialog with a form that creates something secret (an API key, a router token, an
 * invitation link) and then shows that secret once, with a copy button. Until it is closed
 * on purpose, a stray click outside does not close it: the secret would be lost.
 */
export function SecretFormDialog<S extends z.ZodType, Created>({
  trigger,
  title,
  description,
  fields,
  submitLabel,
  schema,
  values,
  mutation,
  secret,
  onReset,
  className,
}: SecretFormDialogProps<S, Created>) {
  const [created, setCreated] = useState<Created | null>(null);
  const { open, onOpenChange, errors, setErrors } = useFormDialog(() => {
    setCreated(null);
    mutation.reset();
    onReset?.();
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validate(schema, values(new FormData(event.currentTarget)));
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    mutation.mutate(checked.data, { onSuccess: (result) => setCreated(result), onError: (err) => setErrors(fieldErrors(err)) });
  };

  const shown = created === null ? null : secret(created);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">{trigger}</Button>
      </DialogTrigger>
      <DialogContent className={className} onInteractOutside={(event) => shown && event.preventDefault()}>
        {shown ? (
          <>
            <DialogHeader>
              <DialogTitle>{shown.title}</DialogTitle>
              <DialogDescription>{shown.description}</DialogDescription>
            </DialogHeader>
            {shown.warning && <Alert variant="warning">{shown.warning}</Alert>}
            <SecretBox label={shown.label} value={shown.value} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">{shown.closeLabel ?? 'I have copied it'}</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <form noValidate onSubmit={submit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>{title}</DialogTitle>
              <DialogDescription>{description}</DialogDescription>
            </DialogHeader>
            {fields(errors)}
            {mutation.isError && <Alert variant="error">{errorMessage(mutation.error)}</Alert>}
            <FormDialogFooter submitLabel={submitLabel} pending={mutation.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
