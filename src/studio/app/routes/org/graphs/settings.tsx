import { GraphSettings } from '@/features/graphs/components/graph-settings';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <GraphSettings org={org} />;
}
