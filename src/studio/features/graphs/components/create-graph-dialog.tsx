import type { FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Plus } from 'lucide-react';
import { createGraphRequestSchema } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate, type FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useCreateGraph } from '../api/create-graph.ts';
import { splitLines, Textarea } from './textarea.tsx';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';
import { useFormDialog } from '@/hooks/use-form-dialog';

/** The first error about label matchers, whichever matcher it is on ("labelMatchers.1"). */
export function matcherError(errors: FieldErrors): string | undefined {
  const key = Object.keys(errors).find((k) => k === 'labelMatchers' || k.startsWith('labelMatchers.'));
  return key ? errors[key] : undefined;
}

export function CreateGraphDialog({ org, namespace }: { org: string; namespace: string }) {
  const create = useCreateGraph(org, namespace);
  const { open, onOpenChange, errors, setErrors } = useFormDialog(() => create.reset());
  const navigate = useNavigate();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const checked = validate(createGraphRequestSchema, {
      name: form.get('name'),
      routingUrl: form.get('routingUrl'),
      labelMatchers: splitLines(form.get('labelMatchers')),
    });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    // Not mutate's onSuccess: the dialog in the empty state unmounts once the list refetches
    // with the new graph, and an unmounted observer's callbacks never run.
    create.mutateAsync(checked.data).then(
      ({ graph }) => navigate(paths.org.graph.root.getHref(org, graph.namespace, graph.name)),
      (err: unknown) => setErrors(fieldErrors(err)),
    );
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          Create graph
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-lg">
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Create a graph in “{namespace}”</DialogTitle>
            <DialogDescription>
              A federated graph composes every subgraph of this namespace whose labels its matchers select.
            </DialogDescription>
          </DialogHeader>
          <Field label="Name" error={errors.name} hint="Lowercase letters, digits, - and _.">
            <Input name="name" maxLength={100} placeholder="production" autoFocus required />
          </Field>
          <Field label="Routing URL" error={errors.routingUrl} hint="Where this graph's router serves it.">
            <Input name="routingUrl" placeholder="http://localhost:3002/graphql" required />
          </Field>
          <Field
            label="Label matchers"
            error={matcherError(errors)}
            hint={
              <>
                One matcher per line; a line like <code className="font-mono">team=a,team=b</code> matches either label.
                Leave empty to take the subgraphs without labels.
              </>
            }
          >
            <Textarea name="labelMatchers" rows={3} className="font-mono text-xs" placeholder="team=products" />
          </Field>
          {create.isError && <Alert variant="error">{errorMessage(create.error)}</Alert>}
          <FormDialogFooter submitLabel="Create graph" pending={create.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
