import { useId, useState, type FormEvent, type ReactElement } from 'react';
import { publishSchemaRequestSchema, type PublishSchemaResponse } from '../../../../shared/api/schema-registry.ts';
import type { Subgraph } from '../../../../shared/api/graphs.ts';
import { errorMessage, fieldErrors, isApiError } from '@/lib/api-client';
import { validate, type FieldErrors } from '@/lib/form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { Label } from '@/components/ui/label';
import { usePublishSchema } from '../api/publish-schema.ts';
import { useCheckSchema } from '../api/check-schema.ts';
import { CheckResult } from './check-result.tsx';
import { useSchemaVersion } from '../api/get-schema-version.ts';
import { PublishResult } from './publish-result.tsx';
import { SdlEditor, SdlErrorExcerpt, type SdlPosition } from './sdl-editor.tsx';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

/** The server answers a syntax error with 400 and `details: {line, column}`. */
export function syntaxErrorPosition(error: unknown): SdlPosition | null {
  if (!isApiError(error, 400) || !error.details || typeof error.details !== 'object') return null;
  const { line, column } = error.details as { line?: unknown; column?: unknown };
  return typeof line === 'number' && typeof column === 'number' ? { line, column } : null;
}

interface PublishSchemaDialogProps {
  org: string;
  subgraph: Subgraph;
  trigger: ReactElement;
}

/** Publishes a new version of an existing subgraph; the affected graphs recompose. */
export function PublishSchemaDialog({ org, subgraph, trigger }: PublishSchemaDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-w-3xl" onInteractOutside={(event) => event.preventDefault()}>
        {open && <PublishSchemaForm org={org} subgraph={subgraph} />}
      </DialogContent>
    </Dialog>
  );
}

function PublishSchemaForm({ org, subgraph }: { org: string; subgraph: Subgraph }) {
  const editorId = useId();
  const latest = useSchemaVersion(org, subgraph.namespace, subgraph.name, subgraph.latestVersion?.version ?? null);
  const [sdl, setSdl] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<PublishSchemaResponse | null>(null);
  const publish = usePublishSchema(org, subgraph.namespace);
  const check = useCheckSchema(org, subgraph.namespace, subgraph.name);
  const position = syntaxErrorPosition(publish.error) ?? syntaxErrorPosition(check.error);

  // Starts from the latest version, so a change is an edit rather than a rewrite.
  const text = sdl ?? latest.data?.sdl ?? '';

  const runCheck = () => {
    const checked = validate(publishSchemaRequestSchema, { sdl: text });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    publish.reset();
    check.mutate(text, { onError: (err) => setErrors(fieldErrors(err)) });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = validate(publishSchemaRequestSchema, { sdl: text });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    check.reset();
    publish.mutate(
      { subgraph: subgraph.name, input: checked.data },
      { onSuccess: setResult, onError: (err) => setErrors(fieldErrors(err)) },
    );
  };

  if (result) {
    return (
      <>
        <DialogHeader>
          <DialogTitle>Schema of {subgraph.name} published</DialogTitle>
          <DialogDescription>Each graph that selects this subgraph composed again with the new version.</DialogDescription>
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

  return (
    <form noValidate onSubmit={submit} className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Publish a schema for {subgraph.name}</DialogTitle>
        <DialogDescription>
          {subgraph.latestVersion
            ? `Edit v${subgraph.latestVersion.version} below. Publishing makes a new version and recomposes the graphs it is in.`
            : 'Paste the subgraph SDL. Publishing makes version 1 and composes the graphs it is in.'}
        </DialogDescription>
      </DialogHeader>
      <div className="grid gap-1.5">
        <Label htmlFor={editorId}>Schema (SDL)</Label>
        {latest.isLoading && sdl === null ? (
          <div className="flex h-80 items-center justify-center rounded-md border text-xs text-muted-foreground">Loading the latest version…</div>
        ) : (
          <SdlEditor
            id={editorId}
            value={text}
            onChange={(next) => {
              setSdl(next);
              if (publish.isError) publish.reset();
              // A check result describes the text it checked, not this one.
              if (check.data || check.isError) check.reset();
            }}
            errorAt={position}
            aria-invalid={Boolean(position || errors.sdl)}
          />
        )}
        {errors.sdl && !position && <p className="text-xs text-destructive">{errors.sdl}</p>}
      </div>
      {(publish.isError || check.isError) && (
        <div className="grid gap-2">
          <Alert variant="error">
            <span data-testid="publish-error">{errorMessage(publish.error ?? check.error)}</span>
          </Alert>
          {position && <SdlErrorExcerpt sdl={text} at={position} />}
        </div>
      )}
      {check.data && (
        <div className="max-h-[30vh] overflow-y-auto">
          <CheckResult org={org} result={check.data} />
        </div>
      )}
      <FormDialogFooter submitLabel="Publish schema" pending={publish.isPending} disabled={check.isPending}>
        <Button variant="outline" type="button" onClick={runCheck} loading={check.isPending} disabled={publish.isPending}>
          Check
        </Button>
      </FormDialogFooter>
    </form>
  );
}
