import { useState, type FormEvent } from 'react';
import { Pencil } from 'lucide-react';
import type { FeatureFlag } from '../../../../shared/api/feature-flags.ts';
import { errorMessage } from '@/lib/api-client';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/features/graphs/components/textarea';
import { useUpdateFlag } from '../api/change-flag.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

/** Edits a flag's description; sent with the version shown, so a concurrent edit is a 409, not lost. */
export function EditDescriptionDialog({ org, flag }: { org: string; flag: FeatureFlag }) {
  const [open, setOpen] = useState(false);
  const update = useUpdateFlag(org, flag.namespace, flag.name);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const description = String(new FormData(event.currentTarget).get('description') ?? '').trim();
    update.mutate({ expectedVersion: flag.version, description }, { onSuccess: () => setOpen(false) });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) update.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="icon-sm" variant="ghost" aria-label="Edit description">
          <Pencil aria-hidden />
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Describe {flag.name}</DialogTitle>
            <DialogDescription>What this flag previews, for the people who find it in the list or the playground.</DialogDescription>
          </DialogHeader>
          <Field label="Description">
            <Textarea name="description" rows={3} maxLength={1000} defaultValue={flag.description} autoFocus />
          </Field>
          {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
          <FormDialogFooter submitLabel="Save description" pending={update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
