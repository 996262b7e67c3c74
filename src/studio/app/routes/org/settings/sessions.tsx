import { SessionsPanel } from '@/features/auth/components/sessions-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <title>{`Sessions · ${org.name} · Switchyard`}</title>
      <SessionsPanel />
    </>
  );
}
