import { useSearchParams } from 'react-router';
import { Puzzle } from 'lucide-react';
import { DEFAULT_NAMESPACE } from '../../../../shared/api/graphs.ts';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { NamespaceSelect } from '@/features/graphs/components/namespace-select';
import { usePlugins } from '../api/get-plugins.ts';
import { PLUGIN_COLUMNS, PluginsTable } from './plugins-table.tsx';
import { UploadBuildDialog } from './upload-build-dialog.tsx';

export function PluginListPanel({ org }: { org: CurrentOrg }) {
  const [params, setParams] = useSearchParams();
  const namespace = params.get('namespace') || DEFAULT_NAMESPACE;
  const plugins = usePlugins(org.slug, namespace);
  const canWrite = org.role !== 'viewer';

  const setNamespace = (ns: string) => setParams(ns === DEFAULT_NAMESPACE ? {} : { namespace: ns }, { replace: true });

  let body;
  if (plugins.isPending) {
    body = <TableSkeleton label="Loading plugins" columns={PLUGIN_COLUMNS} />;
  } else if (plugins.isError) {
    body = <ErrorState title="Could not load the plugins" error={plugins.error} onRetry={() => void plugins.refetch()} retrying={plugins.isFetching} />;
  } else if (plugins.data.plugins.length === 0) {
    body = (
      <EmptyState
        icon={Puzzle}
        title={`No plugins in “${namespace}” yet`}
        description={
          <div className="grid gap-2">
            <p>
              A plugin is a subgraph implemented as a gRPC service that the router starts as a child process. Scaffold one,
              build its <Code>.tar.gz</Code>, and push it:
            </p>
            <pre className="overflow-x-auto rounded-md border bg-surface px-3 py-2 text-left font-mono text-[11.5px] text-foreground">
              {`switchyard plugin init products --schema products.graphql
switchyard plugin build products
export SWITCHYARD_API_KEY=<an API key with the developer role>
switchyard plugin push products --name products${namespace === DEFAULT_NAMESPACE ? '' : ` --namespace ${namespace}`}`}
            </pre>
            <p>
              Or upload the archive here. Builds in WunderGraph Cosmo's plugin layout work unchanged; each upload is an
              immutable version.
            </p>
          </div>
        }
        action={canWrite ? <UploadBuildDialog org={org.slug} namespace={namespace} /> : undefined}
      />
    );
  } else {
    body = <PluginsTable org={org.slug} plugins={plugins.data.plugins} />;
  }

  return (
    <>
      <PageHeader
        title="Plugins"
        context={org.name}
        description="Subgraphs implemented as gRPC plugins that the router runs."
        actions={
          <>
            <NamespaceSelect org={org.slug} value={namespace} onValueChange={setNamespace} />
            {canWrite && <UploadBuildDialog org={org.slug} namespace={namespace} />}
          </>
        }
      />
      <PageBody>{body}</PageBody>
    </>
  );
}
