import { PluginListPanel } from '@/features/plugins/components/plugin-list-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <PluginListPanel org={org} />;
}
