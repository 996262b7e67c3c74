import { useId, useState, type FormEvent } from 'react';
import { Plus } from 'lucide-react';
import { publishSchemaRequestSchema, type PublishSchemaResponse } from '../../../../shared/api/schema-registry.ts';
import { resourceNameSchema } from '../../../../shared/names.ts';
import { routingUrlProblem } from '../../../../shared/api/graphs.ts';
import type { SubgraphKind } from '../../../../shared/router-config.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { validate, type FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { splitLabels } from '@/features/graphs/components/textarea';
import { usePublishSchema } from '../api/publish-schema.ts';
import { PublishResult } from './publish-result.tsx';
import { SubgraphTypeSelect } from './subgraph-type-select.tsx';
import { SdlEditor, SdlErrorExcerpt } from './sdl-editor.tsx';
import { syntaxErrorPosition } from './publish-schema-dialog.tsx';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

const starter = `type Query {
  hello: String
}
`;

/** One label per matcher, so the new subgraph lands in the graph it is created from. */
function labelsFor(matchers: string[]): string {
  return matchers.map((m) => m.split(',')[0]!.trim()).join(', ');
}

interface CreateSubgraphDialogProps {
  org: string;
  namespace: string;
  /** The graph's matchers, to pre-fill labels that select the subgraph. */
  labelMatchers: string[];
}

/** Creates a subgraph by publishing its first schema (the API creates it when given a routing URL). */
export function CreateSubgraphDialog({ org, namespace, labelMatchers }: CreateSubgraphDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button size="sm">
          <Plus aria-hidden />
          New subgraph
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-3xl" onInteractOutside={(event) => event.preventDefault()}>
        {open && <CreateSubgraphForm org={org} namespace={namespace} labelMatchers={labelMatchers} />}
      </DialogContent>
    </Dialog>
  );
}

function CreateSubgraphForm({ org, namespace, labelMatchers }: CreateSubgraphDialogProps) {
  const editorId = useId();
  const [type, setType] = useState<SubgraphKind>('standard');
  const [sdl, setSdl] = useState(starter);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<PublishSchemaResponse | null>(null);
  const publish = usePublishSchema(org, namespace);
  const position = syntaxErrorPosition(publish.error);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next: FieldErrors = {};
    const name = resourceNameSchema.safeParse(form.get('name'));
    if (!name.success) next.name = name.error.issues[0]?.message ?? 'Invalid name';
    const routingUrl = String(form.get('routingUrl') ?? '').trim();
    const urlProblem = routingUrlProblem(type, routingUrl || null);
    if (urlProblem) next.routingUrl = urlProblem;
    const checked = validate(publishSchemaRequestSchema, {
      sdl,
      type,
      routingUrl: routingUrl || null,
      labels: splitLabels(form.get('labels')),
    });
    if (!checked.ok) Object.assign(next, checked.errors);
    if (Object.keys(next).length > 0 || !checked.ok || !name.success) return setErrors(next);
    setErrors({});
    publish.mutate({ subgraph: name.data, input: checked.data }, { onSuccess: setResult, onError: (err) => setErrors(fieldErrors(err)) });
  };

  if (result) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Subgraph {result.subgraph.name} created</DialogTitle>
          <DialogDescription>Its first schema version is published.</DialogDescription>
        </DialogHeader>
        <div className="max-h-[60vh] overflow-y-auto">
          <PublishResult org={org} result={result} />
        </div>
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="outline">Done</Button>
          </DialogClose>
        </DialogFooter>
      </>
    );
  }

  const labelError = Object.entries(errors).find(([k]) => k === 'labels' || k.startsWith('labels.'))?.[1];
  return (
    <form noValidate onSubmit={submit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>New subgraph in “{namespace}”</DialogTitle>
        <DialogDescription>Creates the subgraph and publishes its first schema; graphs whose matchers select its labels recompose.</DialogDescription>
      </DialogHeader>
      <div className="grid grid-cols-2 gap-3">
        <Field label="Name" error={errors.name}>
          <Input name="name" maxLength={100} placeholder="products" autoFocus required />
        </Field>
        <Field label="Type" error={errors.type}>
          <SubgraphTypeSelect value={type} onValueChange={setType} />
        </Field>
        <Field label="Routing URL" error={errors.routingUrl} hint={type === 'grpc_plugin' ? 'Plugins run beside the router; no URL needed.' : undefined}>
          <Input name="routingUrl" placeholder={type === 'grpc_service' ? 'localhost:50051' : 'http://localhost:4001/graphql'} />
        </Field>
        <Field label="Labels" error={labelError} hint="key=value, separated by commas.">
          <Input name="labels" className="font-mono text-xs" defaultValue={labelsFor(labelMatchers)} placeholder="team=products" />
        </Field>
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={editorId}>Schema (SDL)</Label>
        <SdlEditor id={editorId} value={sdl} onChange={(next) => { setSdl(next); if (publish.isError) publish.reset(); }} errorAt={position} aria-invalid={Boolean(position || errors.sdl)} />
        {errors.sdl && !position && <p className="text-xs text-destructive">{errors.sdl}</p>}
      </div>
      {publish.isError && (
        <div className="grid gap-2">
          <Alert variant="error">
            <span data-testid="publish-error">{errorMessage(publish.error)}</span>
          </Alert>
          {position && <SdlErrorExcerpt sdl={sdl} at={position} />}
        </div>
      )}
      <FormDialogFooter submitLabel="Create and publish" pending={publish.isPending} />
    </form>
  );
}
