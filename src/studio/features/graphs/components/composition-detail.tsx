import { useParams, Link } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useState } from 'react';
import { Section } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner } from '@/components/ui/spinner';
import { useComposition } from '../api/get-composition.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { CompositionErrors } from './composition-errors.tsx';
import { CompositionStatusBadge } from './graph-status-badge.tsx';
import { SchemaToggle } from './graph-schema-view.tsx';
import { SdlViewer } from './sdl/sdl-viewer.tsx';
import { SubgraphTypeBadge } from './subgraph-type-badge.tsx';

export function CompositionDetailView() {
  const { org, namespace, graph } = useGraphParams();
  const { compositionId } = useParams();
  const composition = useComposition(org, namespace, graph, compositionId);
  const [which, setWhich] = useState<'client' | 'supergraph'>('client');
  const back = (
    <Link to={paths.org.graph.compositions.getHref(org, namespace, graph)} className="inline-flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-3.5" aria-hidden />
      All compositions
    </Link>
  );

  if (composition.isPending) return <PageSpinner label="Loading the composition" />;
  if (composition.isError) {
    return (
      <div className="grid gap-3">
        {back}
        <ErrorState
          title={isApiError(composition.error, 404) ? 'Composition not found' : 'Could not load the composition'}
          error={composition.error}
          onRetry={() => void composition.refetch()}
          retrying={composition.isFetching}
        />
      </div>
    );
  }
  const c = composition.data;
  const sdl = which === 'client' ? c.clientSchema : c.supergraphSdl;

  return (
    <div className="grid gap-5">
      {back}
      <Card className="grid gap-3 p-4">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
          <CompositionStatusBadge status={c.status} />
          {c.served && <Badge variant="info">served to routers</Badge>}
          <span className="text-muted-foreground">{formatDateTime(c.createdAt)}</span>
          <span className="text-muted-foreground">by {c.triggeredBy}</span>
          <span>{c.trigger}</span>
        </div>
        <div className="grid gap-1.5">
          <h3 className="text-xs font-medium text-muted-foreground">Subgraph versions that went in</h3>
          <ul className="flex flex-wrap gap-2">
            {c.subgraphs.map((s) => (
              <li key={s.subgraphId} className="flex items-center gap-1.5 rounded-md border bg-background px-2 py-1 text-xs">
                <Link to={paths.org.subgraph.getHref(org, namespace, s.name)} className="font-medium hover:underline">
                  {s.name}
                </Link>
                <span className="tabular-nums text-muted-foreground">v{s.version}</span>
                <SubgraphTypeBadge type={s.kind} />
              </li>
            ))}
            {c.subgraphs.length === 0 && <li className="text-xs text-muted-foreground">none</li>}
          </ul>
        </div>
      </Card>
      {c.status === 'failed' ? (
        <Section title={`${c.errors.length} composition ${c.errors.length === 1 ? 'error' : 'errors'}`}>
          <CompositionErrors org={org} namespace={namespace} errors={c.errors} />
        </Section>
      ) : sdl ? (
        <Section title="Result" actions={<SchemaToggle value={which} onChange={setWhich} />}>
          <SdlViewer key={which} sdl={sdl} label={which === 'client' ? 'Client schema' : 'Supergraph SDL'} />
        </Section>
      ) : null}
    </div>
  );
}
