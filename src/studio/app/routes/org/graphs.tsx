import { GraphListPanel } from '@/features/graphs/components/graph-list-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <GraphListPanel org={org} />;
}
