import { RouterTokensPanel } from '@/features/router-tokens/components/router-tokens-panel';
import { useGraphParams } from '@/features/graphs/use-graph-params';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  const { namespace, graph } = useGraphParams();
  return <RouterTokensPanel org={org} namespace={namespace} graph={graph} />;
}
