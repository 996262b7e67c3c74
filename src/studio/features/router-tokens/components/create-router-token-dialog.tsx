import { useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import { createRouterTokenRequestSchema, type CreatedRouterToken } from '../../../../shared/api/router-tokens.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { SecretBox } from '@/components/ui/copy-button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useCreateRouterToken } from '../api/create-router-token.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

export function CreateRouterTokenDialog({ org, namespace, graph }: { org: string; namespace: string; graph: string }) {
  const [created, setCreated] = useState<CreatedRouterToken | null>(null);
  const create = useCreateRouterToken(org, namespace, graph);
  const { open, onOpenChange, errors, setErrors } = useFormDialog(() => {
    setCreated(null);
    create.reset();
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validate(createRouterTokenRequestSchema, { name: new FormData(event.currentTarget).get('name') });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    create.mutate(checked.data, { onSuccess: setCreated, onError: (err) => setErrors(fieldErrors(err)) });
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          Create router token
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg" onInteractOutside={(event) => created && event.preventDefault()}>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Router token “{created.routerToken.name}” created</DialogTitle>
              <DialogDescription>
                Start a router with <code className="font-mono">SWITCHYARD_ROUTER_TOKEN</code> set to it; it fetches{' '}
                <code className="font-mono">{graphPaths.routerConfig}</code> for {graph}.
              </DialogDescription>
            </DialogHeader>
            <Alert variant="warning">Copy the token now. It is stored hashed and will not be shown again.</Alert>
            <SecretBox label="Router token" value={created.token} />
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="outline">I have copied it</Button>
              </DialogClose>
            </DialogFooter>
          </>
        ) : (
          <form noValidate onSubmit={submit} className="grid gap-4">
            <DialogHeader>
              <DialogTitle>Create a router token for {graph}</DialogTitle>
              <DialogDescription>Routers use it to fetch this graph's config and follow its changes.</DialogDescription>
            </DialogHeader>
            <Field label="Name" error={errors.name} hint="Which router uses it, e.g. “staging eu-west”.">
              <Input name="name" maxLength={100} autoFocus required />
            </Field>
            {create.isError && <Alert variant="error">{errorMessage(create.error)}</Alert>}
            <FormDialogFooter submitLabel="Create token" pending={create.isPending} />
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
