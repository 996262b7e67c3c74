import { AuditLogPanel } from '@/features/audit/components/audit-log-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <title>{`Audit log · ${org.name} · Switchyard`}</title>
      <AuditLogPanel org={org} />
    </>
  );
}
