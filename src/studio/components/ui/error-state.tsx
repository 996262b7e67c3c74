import { CircleAlert, RefreshCw } from 'lucide-react';
import { errorMessage, isApiError } from '@/lib/api-client';
import { cn } from '@/lib/utils';
import { Button } from './button.tsx';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
  className?: string;
}

/** Shows the API's own message, so "you are viewer" or "database unavailable" reaches the person. */
export function ErrorState({ error, title = 'Could not load this', onRetry, retrying, className }: ErrorStateProps) {
  return (
    <div
      role="alert"
      className={cn('flex flex-col items-center justify-center rounded-lg border border-destructive/25 bg-destructive/5 px-6 py-10 text-center', className)}
    >
      <CircleAlert className="mb-2 size-5 text-destructive" aria-hidden />
      <h3 className="text-[13px] font-medium">{title}</h3>
      <p className="mt-1 max-w-md text-xs text-muted-foreground">{errorMessage(error)}</p>
      {isApiError(error) && error.status > 0 && (
        <p className="mt-1 font-mono text-[11px] text-muted-foreground/80">
          {error.status} {error.code}
        </p>
      )}
      {onRetry && (
        <Button variant="outline" size="sm" className="mt-4" onClick={onRetry} loading={retrying ?? false}>
          {!retrying && <RefreshCw aria-hidden />}
          Retry
        </Button>
      )}
    </div>
  );
}
