import { useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import { createApiKeyRequestSchema, type CreatedApiKey } from '../../../../shared/api/organizations.ts';
import type { Role } from '../../../../shared/roles.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretBox } from '@/components/ui/copy-button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { RoleSelect } from '@/components/role-select';
import { useCreateApiKey } from '../api/create-api-key.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

/** An empty box means "never expires"; anything else must be a whole number of days. */
function parseDays(raw: FormDataEntryValue | null): number | null {
  const text = typeof raw === 'string' ? raw.trim() : '';
  return text === '' ? null : Number(text);
}

export function CreateApiKeyDialog({ org }: { org: { slug: string; name: string } }) {
  const [role, setRole] = useState<Role>('developer');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const create = useCreateApiKey(org.slug);
  const { open, onOpenChange, errors, setErrors } = useFormDialog(() => {
    setRole('developer');
    setCreated(null);
    create.reset();
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(createApiKeyRequestSchema, {
      name: form.get('name'),
      role,
      expiresInDays: parseDays(form.get('expiresInDays')),
    });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    create.mutate(checked.data, { onSuccess: setCreated, onError: (err) => setErrors(fieldErrors(err)) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          Create API key
        </Button>
      </DialogTrigger>
      <DialogContent
        // The secret is gone once this closes; a stray click outside must not lose it.
        onInteractOutside={(event) => created && event.preventDefault()}
      >
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>API key “{created.apiKey.name}” created</DialogTitle>
              <DialogDescription>Use it as <code className="font-mono">Authorization: Bearer &lt;key&gt;</code>, or as SWITCHYARD_API_KEY for the CLI.</DialogDescription>
            </DialogHeader>
            <Alert variant="warning">Copy the key now. It is stored hashed and will not be shown again.</Alert>
            <SecretBox label="API key" value={created.key} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">I have copied it</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <form noValidate onSubmit={submit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>Create an API key for {org.name}</DialogTitle>
              <DialogDescription>For the CLI and CI pipelines. The key acts with the role you give it.</DialogDescription>
            </DialogHeader>
            <Field label="Name" error={errors.name} hint="What uses it, e.g. “GitHub Actions deploy”.">
              <Input name="name" maxLength={100} autoFocus required />
            </Field>
            <Field label="Role" error={errors.role}>
              <RoleSelect value={role} onValueChange={setRole} describe />
            </Field>
            <Field label="Expires after (days)" error={errors.expiresInDays} hint="Leave empty for a key that does not expire.">
              <Input name="expiresInDays" type="number" inputMode="numeric" min={1} max={3650} placeholder="Never" />
            </Field>
            {create.isError && <Alert variant="error">{errorMessage(create.error)}</Alert>}
            <FormDialogFooter submitLabel="Create key" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
