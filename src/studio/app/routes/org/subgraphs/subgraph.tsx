import { SubgraphPage } from '@/features/subgraphs/components/subgraph-page';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <SubgraphPage org={org} />;
}
