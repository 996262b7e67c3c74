import { FlagPage } from '@/features/feature-flags/components/flag-page';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return <FlagPage org={org} />;
}
