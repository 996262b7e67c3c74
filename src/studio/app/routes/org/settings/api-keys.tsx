import { ApiKeysPanel } from '@/features/api-keys/components/api-keys-panel';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <title>{`API keys · ${org.name} · Switchyard`}</title>
      <ApiKeysPanel org={org} />
    </>
  );
}
