import { useState } from 'react';
import { FileCode2 } from 'lucide-react';
import { isApiError } from '@/lib/api-client';
import { formatDateTime, formatRelative } from '@/lib/format';
import { cn } from '@/lib/utils';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner } from '@/components/ui/spinner';
import { Alert } from '@/components/ui/alert';
import { useGraph } from '../api/get-graph.ts';
import { useGraphSchema } from '../api/get-graph-schema.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { SdlViewer } from './sdl/sdl-viewer.tsx';

type Which = 'client' | 'supergraph';

export function SchemaToggle({ value, onChange }: { value: Which; onChange: (next: Which) => void }) {
  const options: { value: Which; label: string }[] = [
    { value: 'client', label: 'Client schema' },
    { value: 'supergraph', label: 'Supergraph SDL' },
  ];
  return (
    <div role="radiogroup" aria-label="Schema" className="inline-flex rounded-md border bg-background p-0.5">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          onClick={() => onChange(o.value)}
          className={cn(
            'rounded-[5px] px-2.5 py-1 text-xs text-muted-foreground transition-colors hover:text-foreground',
            value === o.value && 'bg-accent font-medium text-foreground',
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function GraphSchemaView() {
  const { org, namespace, graph } = useGraphParams();
  const schema = useGraphSchema(org, namespace, graph);
  const detail = useGraph(org, namespace, graph);
  const [which, setWhich] = useState<Which>('client');

  if (schema.isPending) return <PageSpinner label="Loading the schema" />;
  if (schema.isError) {
    // 404: the graph exists (the shell loaded it) but has never composed.
    if (isApiError(schema.error, 404)) {
      return (
        <EmptyState
          icon={FileCode2}
          title="No schema yet"
          description={
            <>
              This graph has not composed successfully yet. Publish subgraph schemas with{' '}
              <Code>switchyard subgraph publish</Code> or from a subgraph's page.
            </>
          }
        />
      );
    }
    return <ErrorState title="Could not load the schema" error={schema.error} onRetry={() => void schema.refetch()} retrying={schema.isFetching} />;
  }
  const { data } = schema;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <SchemaToggle value={which} onChange={setWhich} />
        <p className="text-xs text-muted-foreground">
          What routers serve now: composed{' '}
          <span title={formatDateTime(data.composedAt)}>{formatRelative(data.composedAt)}</span>.{' '}
          {which === 'client' ? 'The API that clients see.' : 'With the federation directives the router plans with.'}
        </p>
      </div>
      {detail.data?.status === 'failed' && (
        <Alert variant="warning">
          The latest composition failed. This is the last good schema, which routers still serve; see the overview for the
          errors.
        </Alert>
      )}
      <SdlViewer
        key={which}
        sdl={which === 'client' ? data.clientSchema : data.supergraphSdl}
        label={which === 'client' ? 'Client schema' : 'Supergraph SDL'}
      />
    </div>
  );
}
