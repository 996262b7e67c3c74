import { useId, useMemo, useState, type FormEvent } from 'react';
import { Label } from '@/components/ui/label';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/spinner';
import { useLatestSubgraphSchema } from '../api/get-subgraph-schema.ts';
import { useMockDefaults } from '../api/get-mock-defaults.ts';
import type { KeyPool } from '../../../../shared/api/feature-flags.ts';
import { checkMocksJson, checkSdl } from '../lib/check-input.ts';
import { useDebouncedValue } from '../lib/use-debounced-value.ts';
import { CodeEditor } from '@/components/code/code-editor';
import { InputVerdict } from './input-problem.tsx';
import type { SwapFormProps } from './swap-form-props.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

const MOCKS_HINT = `{
  "$listLength": 2
}`;
const poolSource = {
  'mocks.json': 'from mocks.json',
  observed: 'seen in base-graph traffic through the staging router',
  sampled: 'sampled from the base graph',
} as const;

/** A mock plugin from the base subgraph's schema, edited here to prototype new fields and types. */
export function SwapMockForm({ org, namespace, flag, row, pending, onSubmit, onEdit, serverError }: SwapFormProps) {
  const base = useLatestSubgraphSchema(org, namespace, row.name);
  const defaults = useMockDefaults(org, namespace, flag, row.name);
  const current = row.swap?.kind === 'mock' ? row.swap : null;
  const [sdl, setSdl] = useState<string | null>(current?.sdl ?? null);
  // Pre-filled with key pools (entities other subgraphs resolve get keys they know), shown so they can be edited.
  const [edited, setMocks] = useState<string | null>(null);
  const prefilled = defaults.data ? defaults.data.mocks : (current?.mocks ?? null);
  const mocksLoading = defaults.isPending && edited === null;
  const mocks = edited ?? (prefilled ? JSON.stringify(prefilled, null, 2) : MOCKS_HINT);
  const sdlId = useId();
  const mocksId = useId();

  const text = sdl ?? base.data?.sdl ?? '';
  const settledSdl = useDebouncedValue(text);
  const settledMocks = useDebouncedValue(mocks);
  const sdlProblem = useMemo(() => checkSdl(settledSdl), [settledSdl]);
  const mocksCheck = useMemo(() => checkMocksJson(settledMocks), [settledMocks]);
  const shownSdlProblem = sdlProblem ?? (serverError ? { ...serverError, message: 'The server rejected this position' } : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked again on the current text: the debounced verdict may be a keystroke behind.
    if (checkSdl(text)) return;
    const parsed = checkMocksJson(mocks);
    if (!parsed.ok) return;
    onSubmit({ kind: 'mock', sdl: text, mocks: parsed.value });
  };

  if (base.isError && sdl === null) {
    return <ErrorState title={`Could not load the schema of ${row.name}`} error={base.error} onRetry={() => void base.refetch()} />;
  }

  return (
    <form noValidate onSubmit={submit} className="grid gap-4" aria-label="Mock plugin">
      <div className="grid gap-1.5">
        <div className="flex items-end justify-between gap-2">
          <Label htmlFor={sdlId}>Schema of the mock (SDL)</Label>
          <span className="text-[11px] text-muted-foreground">
            {base.data ? `Starts from ${row.name} v${base.data.version}; keep its @key directives` : ''}
          </span>
        </div>
        {base.isPending && sdl === null ? (
          <Skeleton className="h-72 w-full" />
        ) : (
          <CodeEditor
            id={sdlId}
            language="graphql"
            aria-label="Mock schema SDL"
            value={text}
            onChange={(next) => {
              setSdl(next);
              onEdit();
            }}
            errorLine={shownSdlProblem?.line ?? null}
            aria-invalid={Boolean(shownSdlProblem)}
            aria-describedby={`${sdlId}-verdict`}
            className="h-72"
          />
        )}
        <InputVerdict id={`${sdlId}-verdict`} testId="sdl" text={settledSdl} problem={shownSdlProblem} validLabel="Valid SDL" checking={settledSdl !== text} />
      </div>
      <div className="grid gap-1.5">
        <div className="flex items-end justify-between gap-2">
          <Label htmlFor={mocksId}>mocks.json</Label>
          <span className="text-[11px] text-muted-foreground">
            Fixed values per type and field, e.g. <code className="font-mono">{'{"Review": {"headline": "Great"}}'}</code>; the rest is generated.
          </span>
        </div>
        {mocksLoading ? (
          <Skeleton className="h-32 w-full" />
        ) : (
          <CodeEditor
            id={mocksId}
            language="json"
            aria-label="mocks.json"
            value={mocks}
            onChange={(next) => {
              setMocks(next);
              onEdit();
            }}
            errorLine={mocksCheck.ok ? null : mocksCheck.problem.line}
            aria-invalid={!mocksCheck.ok}
            aria-describedby={`${mocksId}-verdict`}
            className="h-32"
          />
        )}
        <KeyPools pools={defaults.data?.keyPools ?? []} />
        <InputVerdict
          id={`${mocksId}-verdict`}
          testId="mocks"
          text={settledMocks}
          problem={mocksCheck.ok ? null : mocksCheck.problem}
          validLabel="Valid JSON"
          checking={settledMocks !== mocks}
        />
      </div>
      <FormDialogFooter
        submitLabel="Swap for mock"
        pending={pending}
        disabled={Boolean(sdlProblem) || !mocksCheck.ok || (base.isPending && sdl === null) || mocksLoading}
      />
    </form>
  );
}

/** Which references carry keys a real subgraph knows, and where those keys came from. */
function KeyPools({ pools }: { pools: KeyPool[] }) {
  if (!pools.length) return null;
  return (
    <ul className="grid gap-0.5 text-[11px] text-muted-foreground" data-testid="key-pools" aria-label="Key pools">
      {pools.map((p) => (
        <li key={p.type} data-type={p.type} data-source={p.source}>
          <code className="font-mono">
            {p.type}.{p.key}
          </code>
          : {p.count} {p.count === 1 ? 'key' : 'keys'} {poolSource[p.source]}, so {p.resolvedBy} finds them
        </li>
      ))}
    </ul>
  );
}
