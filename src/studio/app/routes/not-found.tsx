import { Link, useLocation } from 'react-router';
import { FileQuestion } from 'lucide-react';
import { paths } from '@/config/paths';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';

export function Component() {
  const { pathname } = useLocation();
  return (
    <div className="mx-auto w-full max-w-lg p-8">
      <title>Not found · Switchyard</title>
      <EmptyState
        icon={FileQuestion}
        title="Page not found"
        description={
          <>
            Nothing lives at <span className="font-mono">{pathname}</span>.
          </>
        }
        action={
          <Button asChild variant="outline" size="sm">
            <Link to={paths.home.getHref()}>Back to the studio</Link>
          </Button>
        }
      />
    </div>
  );
}
