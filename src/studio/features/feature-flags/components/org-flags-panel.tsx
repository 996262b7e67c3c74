import { Link, useSearchParams } from 'react-router';
import { Flag } from 'lucide-react';
import { DEFAULT_NAMESPACE } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { EmptyState, Code } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { NamespaceSelect } from '@/features/graphs/components/namespace-select';
import { useFlags } from '../api/get-flags.ts';
import { FlagsTable } from './flags-table.tsx';

const COLUMNS = ['Name', 'Graphs', 'State', 'Composition', 'Swapped subgraphs', 'Updated'];

export function OrgFlagsPanel({ org }: { org: CurrentOrg }) {
  const [params, setParams] = useSearchParams();
  const namespace = params.get('namespace') || DEFAULT_NAMESPACE;
  const flags = useFlags(org.slug, namespace);
  const setNamespace = (ns: string) => setParams(ns === DEFAULT_NAMESPACE ? {} : { namespace: ns }, { replace: true });

  let body;
  if (flags.isPending) body = <TableSkeleton label="Loading feature flags" columns={COLUMNS} />;
  else if (flags.isError) {
    body = <ErrorState title="Could not load the feature flags" error={flags.error} onRetry={() => void flags.refetch()} retrying={flags.isFetching} />;
  } else if (flags.data.featureFlags.length === 0) {
    body = (
      <EmptyState
        icon={Flag}
        title={`No feature flags in “${namespace}” yet`}
        description={
          <div className="grid gap-2">
            <p>
              A feature flag clones a graph so you can swap its subgraphs for mock plugins, uploaded plugins or preview URLs, and try the result in
              the playground without touching the base graph.
            </p>
            <p>
              Open a{' '}
              <Link to={`${paths.org.graphs.getHref(org.slug)}${namespace === DEFAULT_NAMESPACE ? '' : `?namespace=${encodeURIComponent(namespace)}`}`} className="underline">
                graph
              </Link>{' '}
              and choose <Code>Create feature flag</Code>, or from CI: <Code>switchyard feature-flag create --graph demo --name new-reviews</Code>
            </p>
          </div>
        }
      />
    );
  } else {
    body = <FlagsTable org={org.slug} flags={flags.data.featureFlags} />;
  }

  return (
    <>
      <PageHeader
        title="Feature flags"
        context={org.name}
        description="Variants of your graphs with swapped subgraphs, served by the router to requests that ask for them."
        actions={<NamespaceSelect org={org.slug} value={namespace} onValueChange={setNamespace} />}
      />
      <PageBody>{body}</PageBody>
    </>
  );
}
