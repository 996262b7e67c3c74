import { isRouteErrorResponse, Link, useRevalidator, useRouteError } from 'react-router';
import { FileQuestion } from 'lucide-react';
import { paths } from '@/config/paths';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';

/** What a route shows when its loader or component fails; the API's message is kept. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const revalidator = useRevalidator();

  if (isRouteErrorResponse(error) && error.status === 404) {
    return (
      <div className="mx-auto w-full max-w-lg p-8">
        <EmptyState
          icon={FileQuestion}
          title={error.statusText || 'Not found'}
          description="It does not exist, or you are not a member of it."
          action={
            <Button asChild variant="outline" size="sm">
              <Link to={paths.home.getHref()}>Go to your organization</Link>
            </Button>
          }
        />
      </div>
    );
  }

  return (
    <div className="mx-auto w-full max-w-lg p-8">
      <ErrorState
        error={isRouteErrorResponse(error) ? new Error(`${error.status} ${error.statusText}`) : error}
        title="This page could not be shown"
        retrying={revalidator.state === 'loading'}
        // A failed lazy chunk (after a deploy) needs a full reload; data errors only revalidation.
        onRetry={() => (error instanceof TypeError ? window.location.reload() : void revalidator.revalidate())}
      />
    </div>
  );
}
