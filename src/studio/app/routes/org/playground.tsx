import { Play } from 'lucide-react';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <PageHeader title="Playground" context={org.name} description="Run GraphQL operations against a graph's staging router." />
      <PageBody>
        <EmptyState
          icon={Play}
          title="Nothing to query yet"
          description="A GraphiQL editor for your graphs and feature flags will open here, with the query plan of each request, once a graph is composed and served by a router."
        />
      </PageBody>
    </>
  );
}
