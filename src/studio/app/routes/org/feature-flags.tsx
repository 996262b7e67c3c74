import { OrgFlagsPanel } from '@/features/feature-flags/components/org-flags-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <OrgFlagsPanel org={org} />;
}
