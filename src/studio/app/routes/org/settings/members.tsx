import { MembersPanel } from '@/features/members/components/members-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <title>{`Members · ${org.name} · Switchyard`}</title>
      <MembersPanel org={org} />
    </>
  );
}
