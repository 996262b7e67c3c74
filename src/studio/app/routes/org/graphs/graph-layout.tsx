import { GraphShell } from '@/features/graphs/components/graph-shell';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <GraphShell org={org} />;
}
