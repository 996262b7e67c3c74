import { GraphSubgraphs } from '@/features/graphs/components/graph-subgraphs';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <GraphSubgraphs org={org} />;
}
