import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Flag } from 'lucide-react';
import { createFlagRequestSchema } from '../../../../shared/api/feature-flags.ts';
import { paths } from '@/config/paths';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button, type ButtonProps } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/features/graphs/components/textarea';
import { useCreateFlag } from '../api/create-flag.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

interface CreateFlagDialogProps {
  org: string;
  namespace: string;
  graph: string;
  variant?: ButtonProps['variant'];
}

/** "Clone a graph into a flag": the new flag applies to this graph and starts with no swaps. */
export function CreateFlagDialog({ org, namespace, graph, variant = 'default' }: CreateFlagDialogProps) {
  const create = useCreateFlag(org, namespace, graph);
  const { open, onOpenChange, errors, setErrors } = useFormDialog(() => create.reset());
  const navigate = useNavigate();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    const checked = validate(createFlagRequestSchema, { name: String(form.get('name') ?? '').trim(), ...(description ? { description } : {}) });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    // Not mutate's onSuccess: the trigger may sit in an empty state that unmounts once the list refetches.
    create.mutateAsync(checked.data).then(
      ({ featureFlag }) => navigate(paths.org.featureFlag.getHref(org, featureFlag.namespace, featureFlag.name, graph)),
      (err: unknown) => setErrors(fieldErrors(err)),
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm" variant={variant}>
          <Flag aria-hidden />
          Create feature flag
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create a feature flag from {graph}</DialogTitle>
            <DialogDescription>
              The flag starts as a clone of {graph}: same subgraphs, same schema. Then swap subgraphs in it; the base graph is never affected.
            </DialogDescription>
          </DialogHeader>
          <Field label="Name" error={errors.name} hint="Lowercase letters, digits, - and _. Clients select it with X-Feature-Flag.">
            <Input name="name" maxLength={100} placeholder="new-reviews" autoFocus required />
          </Field>
          <Field label="Description" error={errors.description}>
            <Textarea name="description" rows={2} maxLength={1000} placeholder="What this flag previews" />
          </Field>
          {create.isError && <Alert variant="error">{errorMessage(create.error)}</Alert>}
          <FormDialogFooter submitLabel="Create feature flag" pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
