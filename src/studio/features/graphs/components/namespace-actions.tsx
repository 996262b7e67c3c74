import type { FormEvent } from 'react';
import { FolderPlus, Trash2 } from 'lucide-react';
import { createNamespaceRequestSchema, DEFAULT_NAMESPACE } from '../../../../shared/api/graphs.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useCreateNamespace } from '../api/create-namespace.ts';
import { useDeleteNamespace } from '../api/delete-namespace.ts';
import { useNamespaces } from '../api/get-namespaces.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

/** "New namespace": creates it and switches the page to it. */
export function CreateNamespaceDialog({ org, onCreated }: { org: string; onCreated: (name: string) => void }) {
  const create = useCreateNamespace(org);
  const { open, setOpen, onOpenChange, errors, setErrors } = useFormDialog(() => create.reset());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validate(createNamespaceRequestSchema, { name: new FormData(event.currentTarget).get('name') });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    create.mutateAsync(checked.data.name).then(
      (ns) => {
        setOpen(false);
        onCreated(ns.name);
      },
      (err: unknown) => setErrors(fieldErrors(err)),
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">
          <FolderPlus aria-hidden />
          New namespace
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-md">
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create a namespace</DialogTitle>
            <DialogDescription>
              A namespace keeps its own graphs, subgraphs, feature flags and plugins apart from the others, for example one
              per environment (staging, production) or per team.
            </DialogDescription>
          </DialogHeader>
          <Field label="Name" error={errors.name} hint="Lowercase letters, digits, - and _.">
            <Input name="name" maxLength={100} placeholder="staging" autoFocus required />
          </Field>
          {create.isError && !errors.name && <Alert variant="error">{errorMessage(create.error)}</Alert>}
          <FormDialogFooter submitLabel="Create namespace" pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}

/** Deletes the namespace shown (never the default one), after saying what goes with it. */
export function DeleteNamespaceButton({ org, namespace, onDeleted }: { org: string; namespace: string; onDeleted: () => void }) {
  const remove = useDeleteNamespace(org);
  const info = useNamespaces(org).data?.namespaces.find((n) => n.name === namespace);
  if (namespace === DEFAULT_NAMESPACE) return null;
  const contents = info ? `${info.graphCount} graph${info.graphCount === 1 ? '' : 's'} and ${info.subgraphCount} subgraph${info.subgraphCount === 1 ? '' : 's'}` : 'its graphs and subgraphs';
  return (
    <ConfirmDialog
      trigger={
        <Button size="sm" variant="outline" aria-label={`Delete namespace ${namespace}`}>
          <Trash2 aria-hidden />
          Delete namespace
        </Button>
      }
      title={`Delete namespace “${namespace}”?`}
      description={`This deletes ${contents}, with the feature flags, plugins and router tokens in it. Routers of its graphs stop getting configs. This cannot be undone.`}
      confirmLabel="Delete namespace"
      onConfirm={() => remove.mutateAsync(namespace).then(onDeleted)}
    />
  );
}
