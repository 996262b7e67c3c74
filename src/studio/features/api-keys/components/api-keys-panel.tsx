import { KeyRound, ShieldAlert } from 'lucide-react';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useApiKeys } from '../api/get-api-keys.ts';
import { ApiKeysTable } from './api-keys-table.tsx';
import { CreateApiKeyDialog } from './create-api-key-dialog.tsx';

export function ApiKeysPanel({ org }: { org: CurrentOrg }) {
  // Non-admins would only get a 403; say so without asking.
  const apiKeys = useApiKeys(org.slug, { enabled: org.isAdmin });

  if (!org.isAdmin) {
    return (
      <Section title="API keys">
        <EmptyState
          icon={ShieldAlert}
          title="Only admins manage API keys"
          description={`You are a ${org.role} in ${org.name}. Ask an admin for a key for your CLI or CI pipeline.`}
        />
      </Section>
    );
  }

  let body;
  if (apiKeys.isPending) {
    body = <TableSkeleton label="Loading API keys" columns={['Name', 'Role', 'Status', 'Created', 'Last used', 'Expires']} />;
  } else if (apiKeys.isError) {
    body = (
      <ErrorState
        title="Could not load the API keys"
        error={apiKeys.error}
        onRetry={() => void apiKeys.refetch()}
        retrying={apiKeys.isFetching}
      />
    );
  } else if (apiKeys.data.apiKeys.length === 0) {
    body = (
      <EmptyState
        icon={KeyRound}
        title="No API keys yet"
        description="Create a key for the switchyard CLI or a CI pipeline. Each key has a role and can be revoked at any time."
      />
    );
  } else {
    body = <ApiKeysTable org={org.slug} apiKeys={apiKeys.data.apiKeys} />;
  }

  return (
    <Section
      title="API keys"
      description="Keys authenticate the CLI and CI as Authorization: Bearer <key>. Secrets are shown once, at creation."
      // Always here, never inside the empty state: the dialog must outlive the list changing
      // under it, or the one-time secret would vanish with it.
      actions={<CreateApiKeyDialog org={org} />}
    >
      {body}
    </Section>
  );
}
