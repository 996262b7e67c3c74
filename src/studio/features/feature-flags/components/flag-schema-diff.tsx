import { useState } from 'react';
import { Tabs } from 'radix-ui';
import { GitCompare, Minus, Pencil, Plus } from 'lucide-react';
import type { FlagSchemaDiff } from '../../../../shared/api/feature-flags.ts';
import type { SchemaChange } from '../../../../shared/api/schema-registry.ts';
import { cn } from '@/lib/utils';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { SdlViewer } from '@/features/graphs/components/sdl/sdl-viewer';

type TypeDiff = FlagSchemaDiff['types'][number];

const typeLook = {
  added: { variant: 'success', label: 'added' },
  removed: { variant: 'danger', label: 'removed' },
  changed: { variant: 'warning', label: 'changed' },
} as const;

/** "FIELD_ADDED" → added; what kind of mark a single change gets. */
function direction(change: SchemaChange): 'added' | 'removed' | 'changed' {
  if (/_ADDED$/.test(change.type)) return 'added';
  if (/_REMOVED$/.test(change.type)) return 'removed';
  return 'changed';
}

const mark = {
  added: { Icon: Plus, className: 'text-emerald-600 dark:text-emerald-400' },
  removed: { Icon: Minus, className: 'text-red-600 dark:text-red-400' },
  changed: { Icon: Pencil, className: 'text-amber-600 dark:text-amber-400' },
};

/** The member a change is about ("Review.headline" → "headline"), or null for the type itself. */
function member(type: string, change: SchemaChange): string | null {
  if (!change.path || change.path === type) return null;
  return change.path.startsWith(`${type}.`) ? change.path.slice(type.length + 1) : change.path;
}

function Summary({ diff }: { diff: FlagSchemaDiff }) {
  const count = (c: TypeDiff['change']) => diff.types.filter((t) => t.change === c).length;
  const parts = (['added', 'removed', 'changed'] as const).filter((c) => count(c) > 0);
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-xs" data-testid="schema-diff-summary">
      {parts.map((c) => (
        <Badge key={c} variant={typeLook[c].variant}>
          {count(c)} {count(c) === 1 ? 'type' : 'types'} {c}
        </Badge>
      ))}
      {diff.breaking ? (
        <Badge variant="danger" data-testid="diff-breaking">
          breaking for clients of {diff.graph}
        </Badge>
      ) : (
        <Badge variant="outline">no breaking changes</Badge>
      )}
    </div>
  );
}

function TypeCard({ diff }: { diff: TypeDiff }) {
  const look = typeLook[diff.change];
  return (
    <li className="rounded-lg border bg-card" data-testid="diff-type" data-type={diff.type} data-change={diff.change}>
      <div className="flex items-center gap-2 border-b bg-surface/60 px-3 py-1.5">
        <code className="font-mono text-[13px] font-semibold">{diff.type}</code>
        <Badge variant={look.variant}>{look.label}</Badge>
        {diff.breaking && <Badge variant="danger">breaking</Badge>}
      </div>
      <ul className="divide-y">
        {diff.changes.map((c, i) => {
          const dir = direction(c);
          const { Icon, className } = mark[dir];
          const name = member(diff.type, c);
          return (
            <li key={i} data-testid="diff-change" data-direction={dir} data-criticality={c.criticality} className="flex items-start gap-2 px-3 py-1.5 text-xs">
              <Icon className={cn('mt-0.5 size-3.5 shrink-0', className)} aria-label={dir} />
              {name && <code className={cn('shrink-0 font-mono font-medium', className)}>{name}</code>}
              <span className="min-w-0 flex-1 text-muted-foreground">{c.message}</span>
              {c.criticality !== 'safe' && (
                <Badge variant={c.criticality === 'breaking' ? 'danger' : 'warning'} className="shrink-0">
                  {c.criticality}
                </Badge>
              )}
            </li>
          );
        })}
      </ul>
    </li>
  );
}

const tabClass =
  'border-b-2 border-transparent pb-1.5 text-xs text-muted-foreground hover:text-foreground data-[state=active]:border-foreground data-[state=active]:font-medium data-[state=active]:text-foreground';

export function FlagSchemaDiffView({ diff }: { diff: FlagSchemaDiff }) {
  const [showSdl, setShowSdl] = useState(false);
  if (diff.flagSdl === null) {
    return <Alert variant="warning">The flag has no successful composition for {diff.graph} yet, so there is nothing to compare.</Alert>;
  }
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Summary diff={diff} />
        <Button size="sm" variant="outline" onClick={() => setShowSdl((v) => !v)} aria-expanded={showSdl}>
          {showSdl ? 'Hide SDLs' : 'View both SDLs'}
        </Button>
      </div>
      {diff.types.length === 0 ? (
        <EmptyState
          icon={GitCompare}
          title="Same schema as the base graph"
          description={`The flag composes to exactly the client schema of ${diff.graph}. Swap a subgraph for a mock with new fields to prototype a change.`}
          className="py-8"
        />
      ) : (
        <ul className="grid gap-2 lg:grid-cols-2" aria-label="Schema changes by type">
          {diff.types.map((t) => (
            <TypeCard key={t.type} diff={t} />
          ))}
        </ul>
      )}
      {showSdl && (
        <Tabs.Root defaultValue="flag" className="grid gap-2">
          <Tabs.List aria-label="Schema" className="flex gap-4 border-b">
            <Tabs.Trigger value="flag" className={tabClass}>
              Flag schema
            </Tabs.Trigger>
            <Tabs.Trigger value="base" className={tabClass}>
              Base schema ({diff.graph})
            </Tabs.Trigger>
          </Tabs.List>
          <Tabs.Content value="flag">
            <SdlViewer sdl={diff.flagSdl} label="Flag client schema" className="max-h-[32rem] overflow-y-auto" />
          </Tabs.Content>
          <Tabs.Content value="base">
            <SdlViewer sdl={diff.baseSdl} label="Base client schema" className="max-h-[32rem] overflow-y-auto" />
          </Tabs.Content>
        </Tabs.Root>
      )}
    </div>
  );
}
