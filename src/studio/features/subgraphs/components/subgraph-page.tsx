import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ChevronRight, FileCode2, Trash2, Upload } from 'lucide-react';
import type { Subgraph } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { formatDateTime, formatRelative } from '@/lib/format';
import { cn } from '@/lib/utils';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { LabelList } from '@/features/graphs/components/graph-status-badge';
import { SdlViewer } from '@/features/graphs/components/sdl/sdl-viewer';
import { SubgraphTypeBadge } from '@/features/graphs/components/subgraph-type-badge';
import { useDeleteSubgraph } from '../api/delete-subgraph.ts';
import { useSchemaVersion } from '../api/get-schema-version.ts';
import { useSubgraph } from '../api/get-subgraph.ts';
import { EditSubgraphDialog } from './edit-subgraph-dialog.tsx';
import { PluginVersionSelect } from './plugin-version-select.tsx';
import { PublishSchemaDialog } from './publish-schema-dialog.tsx';
import { SchemaVersionsPanel } from './schema-versions-panel.tsx';

export function SubgraphPage({ org }: { org: CurrentOrg }) {
  const { namespace = '', subgraph: name = '' } = useParams();
  const subgraph = useSubgraph(org.slug, namespace, name);
  const canWrite = org.role !== 'viewer';

  return (
    <>
      <title>{`${name} · subgraph · ${org.name} · Switchyard`}</title>
      <header className="flex items-start justify-between gap-4 border-b px-6 py-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="mb-1 flex items-center gap-1 text-xs text-muted-foreground">
            <Link to={paths.org.graphs.getHref(org.slug)} className="hover:text-foreground">
              Graphs
            </Link>
            <ChevronRight className="size-3" aria-hidden />
            <span>{namespace}</span>
            <ChevronRight className="size-3" aria-hidden />
            <span>subgraphs</span>
          </nav>
          <div className="flex items-center gap-2">
            <h1 className="text-base font-semibold tracking-tight">{name}</h1>
            {subgraph.data && <SubgraphTypeBadge type={subgraph.data.type} />}
          </div>
        </div>
        {subgraph.data && canWrite && (
          <div className="flex shrink-0 items-center gap-2">
            <EditSubgraphDialog org={org.slug} subgraph={subgraph.data} />
            <DeleteSubgraphButton org={org.slug} subgraph={subgraph.data} />
            <PublishSchemaDialog
              org={org.slug}
              subgraph={subgraph.data}
              trigger={
                <Button size="sm">
                  <Upload aria-hidden />
                  Publish schema
                </Button>
              }
            />
          </div>
        )}
      </header>
      <div className="px-6 py-5">
        {subgraph.isPending ? (
          <PageSpinner label="Loading the subgraph" />
        ) : subgraph.isError ? (
          <ErrorState
            title={isApiError(subgraph.error, 404) ? 'Subgraph not found' : 'Could not load this subgraph'}
            error={subgraph.error}
            onRetry={() => void subgraph.refetch()}
            retrying={subgraph.isFetching}
          />
        ) : (
          <SubgraphBody org={org.slug} subgraph={subgraph.data} canWrite={canWrite} />
        )}
      </div>
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1">
      <dt className="text-[11px] font-medium uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-[13px]">{children}</dd>
    </div>
  );
}

function SubgraphBody({ org, subgraph, canWrite }: { org: string; subgraph: Subgraph; canWrite: boolean }) {
  const [tab, setTab] = useState<'schema' | 'versions'>('schema');
  const latest = subgraph.latestVersion;
  return (
    <div className="grid gap-5">
      {!canWrite && <Alert>You are a viewer here: you can read this subgraph but not publish or change it.</Alert>}
      <Card className="p-4">
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Detail label="Routing URL">
            <code className="break-all font-mono text-xs" data-testid="subgraph-routing-url">
              {subgraph.routingUrl ?? '— (runs beside the router)'}
            </code>
          </Detail>
          <Detail label="Labels">
            <LabelList labels={subgraph.labels} />
          </Detail>
          <Detail label="In graphs">
            {subgraph.graphs.length === 0 ? (
              <span className="text-xs text-muted-foreground">none: no graph's matchers select its labels</span>
            ) : (
              <span className="flex flex-wrap gap-x-2 gap-y-1">
                {subgraph.graphs.map((g) => (
                  <Link key={g} to={paths.org.graph.root.getHref(org, subgraph.namespace, g)} className="font-medium hover:underline">
                    {g}
                  </Link>
                ))}
              </span>
            )}
          </Detail>
          {subgraph.plugin && (
            <Detail label="Plugin build">
              <PluginVersionSelect org={org} subgraph={subgraph} canWrite={canWrite} />
            </Detail>
          )}
          <Detail label="Latest version">
            {latest ? (
              <span title={formatDateTime(latest.createdAt)}>
                v{latest.version} · {formatRelative(latest.createdAt)} by {latest.createdBy}
              </span>
            ) : (
              <span className="text-muted-foreground">none yet</span>
            )}
          </Detail>
        </dl>
      </Card>
      <div role="tablist" aria-label="Subgraph" className="flex gap-4 border-b">
        {(['schema', 'versions'] as const).map((t) => (
          <button
            key={t}
            type="button"
            role="tab"
            aria-selected={tab === t}
            onClick={() => setTab(t)}
            className={cn(
              '-mb-px border-b-2 border-transparent pb-2 text-[13px] text-muted-foreground hover:text-foreground',
              tab === t && 'border-foreground font-medium text-foreground',
            )}
          >
            {t === 'schema' ? 'Schema' : 'Versions and diff'}
          </button>
        ))}
      </div>
      {tab === 'schema' ? <LatestSchema org={org} subgraph={subgraph} /> : <SchemaVersionsPanel org={org} subgraph={subgraph} />}
    </div>
  );
}

function LatestSchema({ org, subgraph }: { org: string; subgraph: Subgraph }) {
  const version = useSchemaVersion(org, subgraph.namespace, subgraph.name, subgraph.latestVersion?.version ?? null);
  if (!subgraph.latestVersion) {
    return <EmptyState icon={FileCode2} title="No schema published yet" description="Publish one to put this subgraph into compositions." />;
  }
  if (version.isPending) return <PageSpinner label="Loading the schema" />;
  if (version.isError) return <ErrorState error={version.error} onRetry={() => void version.refetch()} retrying={version.isFetching} />;
  return <SdlViewer sdl={version.data.sdl} label={`Schema of ${subgraph.name} v${version.data.version}`} />;
}

function DeleteSubgraphButton({ org, subgraph }: { org: string; subgraph: Subgraph }) {
  const remove = useDeleteSubgraph(org, subgraph.namespace, subgraph.name);
  const navigate = useNavigate();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      title={`Delete the subgraph ${subgraph.name}?`}
      description={
        subgraph.graphs.length
          ? `Its schema versions are deleted and ${subgraph.graphs.join(', ')} recompose without it. This cannot be undone.`
          : 'Its schema versions are deleted. This cannot be undone.'
      }
      confirmLabel="Delete subgraph"
      onConfirm={async () => {
        await remove.mutateAsync();
        toast({ variant: 'success', title: `Subgraph ${subgraph.name} deleted` });
        const first = subgraph.graphs[0];
        void navigate(first ? paths.org.graph.subgraphs.getHref(org, subgraph.namespace, first) : paths.org.graphs.getHref(org));
      }}
      trigger={
        <Button size="sm" variant="outline" aria-label={`Delete ${subgraph.name}`}>
          <Trash2 aria-hidden />
          Delete
        </Button>
      }
    />
  );
}
