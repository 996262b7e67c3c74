import { Flag } from 'lucide-react';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useGraphParams } from '@/features/graphs/use-graph-params';
import { useGraphFlags } from '../api/get-graph-flags.ts';
import { CreateFlagDialog } from './create-flag-dialog.tsx';
import { FlagsTable } from './flags-table.tsx';

/** The "Feature flags" tab of a graph: the flags that apply to it. */
export function GraphFlagsPanel({ org }: { org: CurrentOrg }) {
  const { namespace, graph } = useGraphParams();
  const flags = useGraphFlags(org.slug, namespace, graph);
  const canWrite = org.role !== 'viewer';
  const create = canWrite ? <CreateFlagDialog org={org.slug} namespace={namespace} graph={graph} /> : undefined;

  let body;
  if (flags.isPending) body = <TableSkeleton label="Loading feature flags" columns={['Name', 'State', 'Composition', 'Swapped subgraphs', 'Updated']} />;
  else if (flags.isError) {
    body = <ErrorState title="Could not load the feature flags" error={flags.error} onRetry={() => void flags.refetch()} retrying={flags.isFetching} />;
  } else if (flags.data.featureFlags.length === 0) {
    body = (
      <EmptyState
        icon={Flag}
        title={`No feature flags for ${graph} yet`}
        description={`Create one to clone ${graph}, then swap a subgraph for a mock plugin to prototype a change. Requests that send X-Feature-Flag get the flag; everyone else keeps the base graph.`}
        action={create}
      />
    );
  } else {
    body = <FlagsTable org={org.slug} flags={flags.data.featureFlags} graph={graph} />;
  }

  return (
    // The graph's header has "Create feature flag" already; only the empty state repeats it.
    <Section title="Feature flags" description={`Flags that apply to ${graph}: their state, composition and swaps.`}>
      {body}
    </Section>
  );
}
