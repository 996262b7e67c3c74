import { useSearchParams } from 'react-router';
import { Waypoints } from 'lucide-react';
import { DEFAULT_NAMESPACE } from '../../../../shared/api/graphs.ts';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useGraphs } from '../api/get-graphs.ts';
import { CreateGraphDialog } from './create-graph-dialog.tsx';
import { GraphsTable } from './graphs-table.tsx';
import { NamespaceSelect } from './namespace-select.tsx';
import { CreateNamespaceDialog, DeleteNamespaceButton } from './namespace-actions.tsx';
import { NamespaceSubgraphs } from '@/features/subgraphs/components/subgraphs-table';

export function GraphListPanel({ org }: { org: CurrentOrg }) {
  const [params, setParams] = useSearchParams();
  const namespace = params.get('namespace') || DEFAULT_NAMESPACE;
  const graphs = useGraphs(org.slug, namespace);
  const canWrite = org.role !== 'viewer';

  const setNamespace = (ns: string) =>
    setParams(ns === DEFAULT_NAMESPACE ? {} : { namespace: ns }, { replace: true });

  let body;
  if (graphs.isPending) {
    body = <TableSkeleton label="Loading graphs" columns={['Name', 'Namespace', 'Status', 'Subgraphs', 'Label matchers', 'Last composed', 'Router URL']} />;
  } else if (graphs.isError) {
    body = <ErrorState title="Could not load the graphs" error={graphs.error} onRetry={() => void graphs.refetch()} retrying={graphs.isFetching} />;
  } else if (graphs.data.graphs.length === 0) {
    body = (
      <EmptyState
        icon={Waypoints}
        title={`No graphs in “${namespace}” yet`}
        description={
          <div className="grid gap-2">
            <p>
              A graph composes the subgraphs its label matchers select. Create one, then publish each subgraph's schema
              from CI or your laptop:
            </p>
            <pre className="overflow-x-auto rounded-md border bg-surface px-3 py-2 text-left font-mono text-[11.5px] text-foreground">
              {`export SWITCHYARD_API_KEY=<an API key with the developer role>
switchyard subgraph publish --namespace ${namespace} --name products \\
  --schema products.graphql --routing-url http://localhost:4001/graphql`}
            </pre>
            <p>
              API keys are made in <Code>Settings → API keys</Code>. Every publish recomposes the graphs the subgraph
              belongs to.
            </p>
          </div>
        }
        action={canWrite ? <CreateGraphDialog org={org.slug} namespace={namespace} /> : undefined}
      />
    );
  } else {
    body = <GraphsTable org={org.slug} graphs={graphs.data.graphs} />;
  }

  return (
    <>
      <PageHeader
        title="Graphs"
        context={org.name}
        description="Federated graphs composed from your subgraphs."
        actions={
          <>
            <NamespaceSelect org={org.slug} value={namespace} onValueChange={setNamespace} />
            {canWrite && <DeleteNamespaceButton org={org.slug} namespace={namespace} onDeleted={() => setNamespace(DEFAULT_NAMESPACE)} />}
            {canWrite && <CreateNamespaceDialog org={org.slug} onCreated={setNamespace} />}
            {canWrite && <CreateGraphDialog org={org.slug} namespace={namespace} />}
          </>
        }
      />
      <PageBody>
        <div className="grid gap-8">
          {body}
          <NamespaceSubgraphs org={org.slug} namespace={namespace} />
        </div>
      </PageBody>
    </>
  );
}
