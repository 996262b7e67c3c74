import { Puzzle } from 'lucide-react';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { useCurrentOrg } from '@/hooks/use-current-org';

export function Component() {
  const org = useCurrentOrg();
  return (
    <>
      <PageHeader title="Plugins" context={org.name} description="Subgraphs implemented as gRPC plugins that the router runs." />
      <PageBody>
        <EmptyState
          icon={Puzzle}
          title="No plugins yet"
          description={
            <>
              Uploaded plugin builds and their versions will appear here. Push one with{' '}
              <Code>switchyard plugin push</Code>.
            </>
          }
        />
      </PageBody>
    </>
  );
}
