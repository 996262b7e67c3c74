import { GraphFlagsPanel } from '@/features/feature-flags/components/graph-flags-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <GraphFlagsPanel org={org} />;
}
