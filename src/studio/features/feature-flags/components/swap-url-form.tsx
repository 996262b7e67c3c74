import { useId, useMemo, useState, type FormEvent } from 'react';
import { swapSchema } from '../../../../shared/api/feature-flags.ts';
import { validate } from '@/lib/form';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { checkSdl } from '../lib/check-input.ts';
import { useDebouncedValue } from '../lib/use-debounced-value.ts';
import { CodeEditor } from '@/components/code/code-editor';
import { InputVerdict } from './input-problem.tsx';
import type { SwapFormProps } from './swap-form-props.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

/** Another deployment of the service (a preview, say); without an SDL it follows the base subgraph's schema. */
export function SwapUrlForm({ row, pending, onSubmit, onEdit, serverError }: SwapFormProps) {
  const current = row.swap?.kind === 'url' ? row.swap : null;
  const [url, setUrl] = useState(current?.routingUrl ?? '');
  const [sdl, setSdl] = useState(current?.sdl ?? '');
  const [urlError, setUrlError] = useState<string | undefined>();
  const sdlId = useId();
  const settled = useDebouncedValue(sdl);
  const problem = useMemo(() => (settled.trim() ? checkSdl(settled) : null), [settled]);
  const shown = problem ?? (serverError ? { ...serverError, message: 'The server rejected this position' } : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (sdl.trim() && checkSdl(sdl)) return;
    const checked = validate(swapSchema, { kind: 'url', routingUrl: url.trim(), ...(sdl.trim() ? { sdl } : {}) });
    if (!checked.ok) return setUrlError(checked.errors.routingUrl ?? Object.values(checked.errors)[0]);
    setUrlError(undefined);
    onSubmit(checked.data);
  };

  return (
    <form noValidate onSubmit={submit} className="grid gap-4" aria-label="Another URL">
      <Field label="Routing URL" error={urlError} hint={row.baseRoutingUrl ? `The base ${row.name} is at ${row.baseRoutingUrl}` : undefined}>
        <Input
          value={url}
          onChange={(event) => {
            setUrl(event.target.value);
            setUrlError(undefined);
            onEdit();
          }}
          placeholder="https://reviews-pr-42.preview.example.com/graphql"
          className="font-mono text-xs"
        />
      </Field>
      <div className="grid gap-1.5">
        <Label htmlFor={sdlId}>Schema (optional)</Label>
        <CodeEditor
          id={sdlId}
          language="graphql"
          aria-label="Schema served at this URL"
          value={sdl}
          onChange={(next) => {
            setSdl(next);
            onEdit();
          }}
          errorLine={shown?.line ?? null}
          aria-invalid={Boolean(shown)}
          aria-describedby={`${sdlId}-verdict`}
          className="h-48"
        />
        {sdl.trim() ? (
          <InputVerdict id={`${sdlId}-verdict`} testId="url-sdl" text={settled} problem={shown} validLabel="Valid SDL" checking={settled !== sdl} />
        ) : (
          <p id={`${sdlId}-verdict`} className="text-xs text-muted-foreground">
            Empty: the flag uses the base {row.name} schema and follows it as new versions are published.
          </p>
        )}
      </div>
      <FormDialogFooter submitLabel="Swap for URL" pending={pending} disabled={Boolean(problem)} />
    </form>
  );
}
