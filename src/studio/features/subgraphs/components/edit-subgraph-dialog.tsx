import { useState, type FormEvent } from 'react';
import { Pencil } from 'lucide-react';
import { routingUrlProblem, updateSubgraphRequestSchema, type Subgraph } from '../../../../shared/api/graphs.ts';
import type { SubgraphKind } from '../../../../shared/router-config.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate, type FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useToast } from '@/components/ui/toast';
import { splitLabels } from '@/features/graphs/components/textarea';
import { useUpdateSubgraph } from '../api/update-subgraph.ts';
import { SubgraphTypeSelect } from './subgraph-type-select.tsx';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

export function EditSubgraphDialog({ org, subgraph }: { org: string; subgraph: Subgraph }) {
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<SubgraphKind>(subgraph.type);
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useUpdateSubgraph(org, subgraph.namespace, subgraph.name);
  const { toast } = useToast();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const routingUrl = String(form.get('routingUrl') ?? '').trim() || null;
    const problem = routingUrlProblem(type, routingUrl);
    if (problem) return setErrors({ routingUrl: problem });
    const checked = validate(updateSubgraphRequestSchema, { type, routingUrl, labels: splitLabels(form.get('labels')) });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    update.mutate(checked.data, {
      onSuccess: ({ compositions }) => {
        setOpen(false);
        const failed = compositions.filter((c) => c.status === 'failed').map((c) => c.graph);
        toast(
          failed.length
            ? { variant: 'error', title: `${subgraph.name} updated, but composition failed`, description: `In ${failed.join(', ')}` }
            : { variant: 'success', title: `${subgraph.name} updated`, description: compositions.length ? `${compositions.length} graphs recomposed` : undefined },
        );
      },
      onError: (err) => setErrors(fieldErrors(err)),
    });
  };

  const labelError = Object.entries(errors).find(([k]) => k === 'labels' || k.startsWith('labels.'))?.[1];
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setType(subgraph.type);
        setErrors({});
        update.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button size="sm" variant="outline">
          <Pencil aria-hidden />
          Edit
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form noValidate onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Edit {subgraph.name}</DialogTitle>
            <DialogDescription>Labels decide which graphs the subgraph is in; those graphs recompose.</DialogDescription>
          </DialogHeader>
          <Field label="Type" error={errors.type}>
            <SubgraphTypeSelect value={type} onValueChange={setType} />
          </Field>
          <Field label="Routing URL" error={errors.routingUrl}>
            <Input name="routingUrl" defaultValue={subgraph.routingUrl ?? ''} className="font-mono text-xs" />
          </Field>
          <Field label="Labels" error={labelError} hint="key=value, separated by commas.">
            <Input name="labels" defaultValue={subgraph.labels.join(', ')} className="font-mono text-xs" />
          </Field>
          {update.isError && <Alert variant="error">{errorMessage(update.error)}</Alert>}
          <FormDialogFooter submitLabel="Save" pending={update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
