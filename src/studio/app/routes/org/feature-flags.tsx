import { Flag } from 'lucide-react';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <PageHeader title="Feature flags" context={org.name} description="Preview variants of a graph with swapped subgraphs." />
      <PageBody>
        <EmptyState
          icon={Flag}
          title="No feature flags yet"
          description="Feature flags clone a graph so you can swap subgraphs for mock plugins and preview the result. They will be listed here once a graph exists to clone."
        />
      </PageBody>
    </>
  );
}
