import { useState, type ReactElement } from 'react';
import { Tabs } from 'radix-ui';
import { useQueryClient } from '@tanstack/react-query';
import type { FeatureFlag, FeatureFlagDetail, Swap, SwapKind } from '../../../../shared/api/feature-flags.ts';
import { errorMessage, isApiError } from '@/lib/api-client';
import { cn } from '@/lib/utils';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle, DialogTrigger } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { CompositionErrors } from '@/features/graphs/components/composition-errors';
import { useSwapSubgraph } from '../api/change-flag.ts';
import { flagQueryKey } from '../api/keys.ts';
import type { FlagSubgraphRow } from '../flag-types.ts';
import { ConflictAlert } from './conflict-alert.tsx';
import { SwapMockForm } from './swap-mock-form.tsx';
import { SwapPluginForm } from './swap-plugin-form.tsx';
import { SwapUrlForm } from './swap-url-form.tsx';

interface SwapDialogProps {
  org: string;
  flag: FeatureFlagDetail;
  row: FlagSubgraphRow;
  trigger: ReactElement;
}

export function SwapDialog({ org, flag, row, trigger }: SwapDialogProps) {
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent className="max-h-[92vh] max-w-4xl overflow-y-auto" onInteractOutside={(event) => event.preventDefault()}>
        {open && <SwapPanel org={org} flag={flag} row={row} onDone={() => setOpen(false)} />}
      </DialogContent>
    </Dialog>
  );
}

/** A swap's position in the SDL the server rejected (400 with `details: {line, column}`). */
function serverPosition(error: unknown): { line: number; column: number } | null {
  if (!isApiError(error, 400) || !error.details || typeof error.details !== 'object') return null;
  const { line, column } = error.details as { line?: unknown; column?: unknown };
  return typeof line === 'number' && typeof column === 'number' ? { line, column } : null;
}

const tabClass = cn(
  'border-b-2 border-transparent px-1 pb-2 text-[13px] text-muted-foreground transition-colors hover:text-foreground',
  'data-[state=active]:border-foreground data-[state=active]:font-medium data-[state=active]:text-foreground',
);

function SwapPanel({ org, flag, row, onDone }: { org: string; flag: FeatureFlagDetail; row: FlagSubgraphRow; onDone: () => void }) {
  const [tab, setTab] = useState<SwapKind>(row.swap?.kind ?? 'mock');
  const [failed, setFailed] = useState<FeatureFlag | null>(null);
  const swap = useSwapSubgraph(org, flag.namespace, flag.name);
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const conflict = isApiError(swap.error, 409);

  const submit = (value: Swap) => {
    setFailed(null);
    swap.mutate(
      { subgraph: row.name, expectedVersion: flag.version, swap: value },
      {
        onSuccess: ({ featureFlag }) => {
          // The swap is recorded either way; a flag that does not compose keeps the dialog open with why.
          if (featureFlag.graphs.some((g) => g.status === 'failed')) return setFailed(featureFlag);
          toast({ variant: 'success', title: `${row.name} swapped`, description: `Feature flag ${flag.name} composed with the new ${value.kind}.` });
          onDone();
        },
      },
    );
  };

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: flagQueryKey(org, flag.namespace, flag.name) });
    swap.reset();
  };

  const common = { org, namespace: flag.namespace, flag: flag.name, row, pending: swap.isPending, onSubmit: submit, onEdit: () => swap.isError && !conflict && swap.reset() };

  return (
    <div className="grid gap-4">
      <DialogHeader>
        <DialogTitle>Swap {row.name} in {flag.name}</DialogTitle>
        <DialogDescription>
          Only this flag changes: the base graph keeps the real {row.name}. Replace it with a mock generated from its schema, an uploaded
          plugin build, or another URL.
        </DialogDescription>
      </DialogHeader>
      {conflict && <ConflictAlert error={swap.error} onReload={reload} />}
      {swap.isError && !conflict && (
        <Alert variant="error">
          <span data-testid="swap-error">{errorMessage(swap.error)}</span>
        </Alert>
      )}
      {failed && (
        <div className="grid gap-2" data-testid="swap-composition-errors">
          <Alert variant="warning">
            The swap was saved, but the flag no longer composes, so routers leave it out until it does. The base graph is unaffected.
          </Alert>
          {failed.graphs
            .filter((g) => g.status === 'failed' && g.composition)
            .map((g) => (
              <div key={g.graph} className="grid gap-1">
                <p className="text-xs font-medium">Graph {g.graph}</p>
                <CompositionErrors org={org} namespace={flag.namespace} errors={g.composition!.errors} />
              </div>
            ))}
          <div className="flex justify-end">
            <Button variant="outline" size="sm" onClick={onDone}>
              Close
            </Button>
          </div>
        </div>
      )}
      <Tabs.Root value={tab} onValueChange={(v) => setTab(v as SwapKind)} className="grid gap-4">
        <Tabs.List aria-label="Replace with" className="flex gap-4 border-b">
          <Tabs.Trigger value="mock" className={tabClass}>
            Mock plugin
          </Tabs.Trigger>
          <Tabs.Trigger value="plugin" className={tabClass}>
            Uploaded plugin
          </Tabs.Trigger>
          <Tabs.Trigger value="url" className={tabClass}>
            Another URL
          </Tabs.Trigger>
        </Tabs.List>
        {/* forceMount keeps each tab's edits when switching between them. */}
        <Tabs.Content value="mock" forceMount hidden={tab !== 'mock'}>
          <SwapMockForm {...common} serverError={tab === 'mock' ? serverPosition(swap.error) : null} />
        </Tabs.Content>
        <Tabs.Content value="plugin" forceMount hidden={tab !== 'plugin'}>
          <SwapPluginForm {...common} />
        </Tabs.Content>
        <Tabs.Content value="url" forceMount hidden={tab !== 'url'}>
          <SwapUrlForm {...common} serverError={tab === 'url' ? serverPosition(swap.error) : null} />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
