import { PluginPage } from '@/features/plugins/components/plugin-page';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <PluginPage org={org} />;
}
