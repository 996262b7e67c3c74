import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ChevronRight, Play, Power, PowerOff, Trash2 } from 'lucide-react';
import { useQueryClient } from '@tanstack/react-query';
import { paths } from '@/config/paths';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { errorMessage, isApiError } from '@/lib/api-client';
import { formatDateTime, formatRelative } from '@/lib/format';
import { PageBody, Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { ConfirmDialog } from '@/components/ui/alert-dialog';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner } from '@/components/ui/spinner';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { CompositionErrors } from '@/features/graphs/components/composition-errors';
import { useDeleteFlag, useRestoreSubgraph, useUpdateFlag } from '../api/change-flag.ts';
import { useFlag } from '../api/get-flag.ts';
import { flagQueryKey } from '../api/keys.ts';
import { ConflictAlert } from './conflict-alert.tsx';
import { EditDescriptionDialog } from './edit-description-dialog.tsx';
import { EnabledBadge, FlagGraphStatusBadge } from './flag-badges.tsx';
import { FlagCompositions } from './flag-compositions.tsx';
import { FlagDiffSection } from './flag-diff-section.tsx';
import { FlagSubgraphsTable } from './flag-subgraphs-table.tsx';
import { FlagEntityMisses } from './flag-entity-misses.tsx';

function useFlagParams() {
  const { namespace, flag } = useParams();
  if (!namespace || !flag) throw new Error('useFlagParams is used outside a feature-flag route');
  return { namespace, flag };
}

export function FlagPage({ org }: { org: CurrentOrg }) {
  const { namespace, flag: name } = useFlagParams();
  const [search, setSearch] = useSearchParams();
  const flag = useFlag(org.slug, namespace, name);
  const update = useUpdateFlag(org.slug, namespace, name);
  const restore = useRestoreSubgraph(org.slug, namespace, name);
  const remove = useDeleteFlag(org.slug, namespace, name);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { toast } = useToast();
  const [restoring, setRestoring] = useState<string | null>(null);
  const canWrite = org.role !== 'viewer';
  const listHref = `${paths.org.featureFlags.getHref(org.slug)}${namespace === 'default' ? '' : `?namespace=${encodeURIComponent(namespace)}`}`;

  if (flag.isPending) return <PageSpinner label="Loading the feature flag" />;
  if (flag.isError) {
    return (
      <PageBody>
        <title>{`${name} · ${org.name} · Switchyard`}</title>
        <ErrorState
          title={isApiError(flag.error, 404) ? 'Feature flag not found' : 'Could not load this feature flag'}
          error={flag.error}
          onRetry={isApiError(flag.error, 404) ? undefined : () => void flag.refetch()}
          retrying={flag.isFetching}
        />
      </PageBody>
    );
  }

  const f = flag.data;
  const graphName = f.graphs.some((g) => g.graph === search.get('graph')) ? search.get('graph')! : (f.graphs[0]?.graph ?? null);
  const state = f.graphs.find((g) => g.graph === graphName) ?? null;
  const rows = f.graphSubgraphs.find((g) => g.graph === graphName)?.subgraphs ?? [];
  const conflictError = [update.error, restore.error].find((e) => isApiError(e, 409));
  const playground = graphName
    ? `${paths.org.playground.getHref(org.slug)}?graph=${encodeURIComponent(`${namespace}/${graphName}`)}&flag=${encodeURIComponent(f.name)}`
    : null;

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: flagQueryKey(org.slug, namespace, name) });
    update.reset();
    restore.reset();
  };

  const toggle = () =>
    update.mutate(
      { expectedVersion: f.version, enabled: !f.enabled },
      {
        onSuccess: ({ featureFlag }) => toast({ variant: 'success', title: `${featureFlag.name} ${featureFlag.enabled ? 'enabled' : 'disabled'}` }),
        onError: (err) => !isApiError(err, 409) && toast({ variant: 'error', title: 'Could not change the flag', description: errorMessage(err) }),
      },
    );

  const onRestore = (subgraph: string) => {
    setRestoring(subgraph);
    restore.mutate(
      { subgraph, expectedVersion: f.version },
      {
        onSuccess: () => toast({ variant: 'success', title: `${subgraph} restored`, description: 'The flag uses the base subgraph again.' }),
        onError: (err) => !isApiError(err, 409) && toast({ variant: 'error', title: `Could not restore ${subgraph}`, description: errorMessage(err) }),
        onSettled: () => setRestoring(null),
      },
    );
  };

  return (
    <>
      <title>{`${f.name} · Feature flags · ${org.name} · Switchyard`}</title>
      <header className="border-b px-6 py-4">
        <nav aria-label="Breadcrumb" className="mb-1 flex items-center gap-1 text-xs text-muted-foreground">
          <Link to={listHref} className="hover:text-foreground">
            Feature flags
          </Link>
          <ChevronRight className="size-3" aria-hidden />
          <span>{namespace}</span>
        </nav>
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-base font-semibold tracking-tight" data-testid="flag-name">
                {f.name}
              </h1>
              <EnabledBadge enabled={f.enabled} />
              {f.graphs.map((g) => (
                <FlagGraphStatusBadge key={g.graph} state={g} showGraph />
              ))}
            </div>
            <p className="mt-1 flex flex-wrap items-center gap-x-1 text-xs text-muted-foreground">
              <span data-testid="flag-description">{f.description || 'No description.'}</span>
              {canWrite && <EditDescriptionDialog org={org.slug} flag={f} />}
              <span>
                · updated {formatRelative(f.updatedAt)} by {f.updatedBy}
                <span className="sr-only"> ({formatDateTime(f.updatedAt)})</span> · version {f.version}
              </span>
            </p>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            {playground && (
              <Button asChild size="sm" variant="outline">
                <Link to={playground}>
                  <Play aria-hidden />
                  Open in playground
                </Link>
              </Button>
            )}
            {canWrite && (
              <>
                <Button size="sm" variant="outline" onClick={toggle} loading={update.isPending}>
                  {!update.isPending && (f.enabled ? <PowerOff aria-hidden /> : <Power aria-hidden />)}
                  {f.enabled ? 'Disable' : 'Enable'}
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button size="sm" variant="outline" className="text-destructive">
                      <Trash2 aria-hidden />
                      Delete
                    </Button>
                  }
                  title={`Delete feature flag ${f.name}?`}
                  description={`Routers stop serving it at once and its ${f.featureSubgraphs.length} swap(s) are gone. The base graph is not affected. This cannot be undone.`}
                  confirmLabel="Delete flag"
                  onConfirm={async () => {
                    await remove.mutateAsync(f.version);
                    toast({ variant: 'success', title: `Feature flag ${f.name} deleted` });
                    await navigate(listHref);
                  }}
                />
              </>
            )}
          </div>
        </div>
      </header>
      <PageBody>
        <div className="grid gap-6">
          {conflictError && <ConflictAlert error={conflictError} onReload={reload} />}
          {!canWrite && <Alert>You are a viewer in {org.name}: you can see this flag but not change it.</Alert>}
          {f.graphs.length === 0 ? (
            <Alert variant="warning">
              This flag applies to no graph right now: no graph's label matchers match its labels ({f.labels.join(', ') || 'none'}) while containing the
              subgraphs it swaps.
            </Alert>
          ) : (
            <>
              {f.graphs.length > 1 && (
                <div className="flex items-center gap-2 text-xs">
                  <span className="text-muted-foreground">Graph</span>
                  <Select value={graphName ?? ''} onValueChange={(g) => setSearch({ graph: g }, { replace: true })}>
                    <SelectTrigger size="sm" className="w-48" aria-label="Graph">
                      <SelectValue />
                    </SelectTrigger>
                    <SelectContent>
                      {f.graphs.map((g) => (
                        <SelectItem key={g.graph} value={g.graph}>
                          {g.graph}
                        </SelectItem>
                      ))}
                    </SelectContent>
                  </Select>
                </div>
              )}
              {state?.status === 'failed' && state.composition && (
                <Section
                  title="Composition errors"
                  description={`The flag does not compose for ${state.graph}, so routers leave it out. The base graph keeps serving as before.`}
                >
                  <CompositionErrors org={org.slug} namespace={namespace} errors={state.composition.errors} />
                </Section>
              )}
              <Section
                title="Subgraphs"
                description={
                  graphName && (
                    <>
                      Of{' '}
                      <Link to={paths.org.graph.root.getHref(org.slug, namespace, graphName)} className="underline-offset-2 hover:underline">
                        {graphName}
                      </Link>
                      . Swap one to change it in this flag only.
                    </>
                  )
                }
              >
                <FlagSubgraphsTable org={org.slug} flag={f} rows={rows} canWrite={canWrite} restoring={restoring} onRestore={onRestore} />
              </Section>
              {graphName && <FlagDiffSection org={org.slug} namespace={namespace} flag={f.name} graph={graphName} version={f.version} status={state?.status ?? 'pending'} />}
              {graphName && f.featureSubgraphs.some((s) => s.kind === 'mock') && (
                <FlagEntityMisses org={org.slug} namespace={namespace} graph={graphName} flag={f.name} />
              )}
            </>
          )}
          <FlagCompositions org={org.slug} namespace={namespace} flag={f.name} />
        </div>
      </PageBody>
    </>
  );
}
