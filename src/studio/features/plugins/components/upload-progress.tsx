import { Button } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { formatBytes } from '../format.ts';

/** Bytes sent so far; once all are sent the server still unpacks and checks the build. */
export function UploadProgressBar({ loaded, total, onCancel }: { loaded: number; total: number; onCancel: () => void }) {
  const percent = total > 0 ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
  const sent = total > 0 && loaded >= total;
  return (
    <div className="grid gap-2" data-testid="upload-progress">
      <div className="flex items-center justify-between gap-2 text-xs">
        <span className="flex items-center gap-1.5 text-muted-foreground" aria-live="polite">
          {sent ? (
            <>
              <Spinner className="size-3.5" label="Checking the build" />
              Uploaded; checking the build…
            </>
          ) : (
            'Uploading…'
          )}
        </span>
        <span className="tabular-nums text-muted-foreground">
          {formatBytes(loaded)} of {formatBytes(total)} · {percent}%
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className="h-full rounded-full bg-primary transition-[width] duration-150" style={{ width: `${percent}%` }} />
      </div>
      <div className="flex justify-end">
        <Button type="button" variant="outline" size="sm" onClick={onCancel}>
          Cancel upload
        </Button>
      </div>
    </div>
  );
}
