import type { ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ChevronRight, Package } from 'lucide-react';
import type { PluginBuildList } from '../../../../shared/api/plugins.ts';
import { DEFAULT_NAMESPACE } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { formatDateTime, formatRelative } from '@/lib/format';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { usePluginBuilds } from '../api/get-plugin-builds.ts';
import { BuildDetailPanel } from './build-detail-panel.tsx';
import { DeletePluginButton } from './delete-plugin-button.tsx';
import { PlatformBadges } from './platform-badges.tsx';
import { PluginBuildsTable } from './plugin-builds-table.tsx';
import { UploadBuildDialog } from './upload-build-dialog.tsx';

export function PluginPage({ org }: { org: CurrentOrg }) {
  const { namespace = '', plugin: name = '' } = useParams();
  const builds = usePluginBuilds(org.slug, namespace, name);
  const canWrite = org.role !== 'viewer';
  const list = paths.org.plugins.getHref(org.slug);

  return (
    <>
      <title>{`${name} · plugin · ${org.name} · Switchyard`}</title>
      <header className="flex items-start justify-between gap-4 border-b px-6 py-4">
        <div className="min-w-0">
          <nav aria-label="Breadcrumb" className="mb-1 flex items-center gap-1 text-xs text-muted-foreground">
            <Link to={list} className="hover:text-foreground">
              Plugins
            </Link>
            <ChevronRight className="size-3" aria-hidden />
            <Link
              to={namespace === DEFAULT_NAMESPACE ? list : `${list}?namespace=${encodeURIComponent(namespace)}`}
              className="hover:text-foreground"
            >
              {namespace}
            </Link>
          </nav>
          <h1 className="text-base font-semibold tracking-tight">{name}</h1>
          {builds.data?.plugin.description && <p className="mt-0.5 text-xs text-muted-foreground">{builds.data.plugin.description}</p>}
        </div>
        {builds.data && canWrite && (
          <div className="flex shrink-0 items-center gap-2">
            <DeletePluginButton org={org.slug} plugin={builds.data.plugin} />
            <UploadBuildDialog org={org.slug} namespace={namespace} plugin={name} />
          </div>
        )}
      </header>
      <div className="max-w-6xl px-6 py-5">
        {builds.isPending ? (
          <TableSkeleton label="Loading versions" columns={['Version', 'SHA-256', 'Size', 'Platforms', 'Uploaded by', 'When', 'Archive']} />
        ) : builds.isError ? (
          <ErrorState
            title={isApiError(builds.error, 404) ? 'Plugin not found' : 'Could not load this plugin'}
            error={builds.error}
            onRetry={() => void builds.refetch()}
            retrying={builds.isFetching}
          />
        ) : (
          <PluginBody org={org.slug} data={builds.data} canWrite={canWrite} />
        )}
      </div>
    </>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid min-w-0 gap-1">
      <dt className="text-[11px] font-medium uppercase tracking-wide text-muted-foreground">{label}</dt>
      <dd className="min-w-0 text-[13px]">{children}</dd>
    </div>
  );
}

function PluginBody({ org, data, canWrite }: { org: string; data: PluginBuildList; canWrite: boolean }) {
  const { plugin, builds } = data;
  const [params, setParams] = useSearchParams();
  const picked = params.get('version');
  // A version in the URL that is gone (or mistyped) falls back to the newest.
  const selected = builds.some((b) => b.version === picked) ? picked : (builds[0]?.version ?? null);
  const latest = builds[0];

  return (
    <div className="grid gap-6">
      {!canWrite && <Alert>You are a viewer here: you can read and download builds but not upload or delete them.</Alert>}
      <Card className="p-4">
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          <Detail label="Latest version">
            <span className="font-mono text-xs" data-testid="latest-version">
              {latest?.version ?? '—'}
            </span>
          </Detail>
          <Detail label="Builds">{plugin.buildCount}</Detail>
          <Detail label="Platforms">
            <PlatformBadges platforms={latest?.platforms ?? []} />
          </Detail>
          <Detail label="Created">
            <span title={formatDateTime(plugin.createdAt)}>
              {formatRelative(plugin.createdAt)} by {plugin.createdBy}
            </span>
          </Detail>
          <div className="col-span-2 lg:col-span-4">
            <Detail label="Used by">
              {data.usedBy.length === 0 ? (
                <span className="text-xs text-muted-foreground">nothing: no subgraph or feature flag runs this plugin</span>
              ) : (
                <ul className="flex flex-wrap gap-x-3 gap-y-1" data-testid="plugin-used-by">
                  {data.usedBy.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
              )}
            </Detail>
          </div>
        </dl>
      </Card>
      {builds.length === 0 ? (
        <EmptyState icon={Package} title="No builds" description="Every build of this plugin is gone. Upload one to run it again." />
      ) : (
        <>
          <Section title="Versions" description="Immutable builds, newest first. Pick one to see its schema and gRPC contract.">
            <PluginBuildsTable
              builds={builds}
              selected={selected}
              onSelect={(version) => setParams(version === latest?.version ? {} : { version }, { replace: true })}
            />
          </Section>
          {selected && <BuildDetailPanel org={org} namespace={plugin.namespace} plugin={plugin.name} version={selected} />}
        </>
      )}
    </div>
  );
}
