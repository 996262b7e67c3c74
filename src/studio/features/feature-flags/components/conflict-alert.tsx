import { useState } from 'react';
import { RefreshCw } from 'lucide-react';
import { errorMessage } from '@/lib/api-client';
import { Button } from '@/components/ui/button';

/** A 409 on a flag: someone else changed it since this page loaded; nothing was saved. */
export function ConflictAlert({ error, onReload }: { error: unknown; onReload: () => Promise<unknown> }) {
  const [reloading, setReloading] = useState(false);
  return (
    <div role="alert" data-testid="flag-conflict" className="flex items-start gap-3 rounded-md border border-amber-500/30 bg-amber-500/10 px-3 py-2.5 text-xs">
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="font-medium text-amber-800 dark:text-amber-300">Someone changed this flag while you were editing; reload to see their change.</p>
        <p className="text-muted-foreground">Your change was not saved. {errorMessage(error)}</p>
      </div>
      <Button
        size="sm"
        variant="outline"
        loading={reloading}
        onClick={() => {
          setReloading(true);
          void onReload().finally(() => setReloading(false));
        }}
      >
        {!reloading && <RefreshCw aria-hidden />}
        Reload
      </Button>
    </div>
  );
}
