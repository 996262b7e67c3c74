import type { SchemaDiff } from '../../../../shared/api/schema-registry.ts';
import { cn } from '@/lib/utils';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';

const criticality = {
  breaking: { variant: 'danger', label: 'breaking' },
  dangerous: { variant: 'warning', label: 'dangerous' },
  safe: { variant: 'success', label: 'safe' },
} as const;

function lineClass(line: string): string {
  if (line.startsWith('+++') || line.startsWith('---')) return 'text-muted-foreground';
  if (line.startsWith('@@')) return 'bg-sky-500/10 text-sky-700 dark:text-sky-300';
  if (line.startsWith('+')) return 'bg-emerald-500/12 text-emerald-800 dark:text-emerald-300';
  if (line.startsWith('-')) return 'bg-red-500/12 text-red-800 dark:text-red-300';
  if (line.startsWith('\\')) return 'text-muted-foreground italic';
  return '';
}

export function SchemaDiffView({ diff }: { diff: SchemaDiff }) {
  const breaking = diff.changes.filter((c) => c.criticality === 'breaking').length;
  const lines = diff.unifiedDiff?.split('\n') ?? [];
  // The header lines ("Index:", "===") say nothing the version pickers do not.
  const body = lines.filter((l) => !l.startsWith('Index:') && !/^=+$/.test(l));

  return (
    <div className="grid gap-4">
      <section className="grid gap-2" aria-label="Changes">
        <h3 className="text-xs font-medium">
          {diff.changes.length} {diff.changes.length === 1 ? 'change' : 'changes'}
          {breaking > 0 && <span className="ml-1 text-destructive">({breaking} breaking)</span>}
        </h3>
        {diff.changesError && <Alert variant="warning">{diff.changesError}</Alert>}
        {diff.changes.length > 0 && (
          <ul className="divide-y rounded-lg border bg-card">
            {diff.changes.map((c, i) => (
              <li key={i} data-testid="schema-change" data-criticality={c.criticality} className="flex items-start gap-2 px-3 py-1.5 text-xs">
                <Badge variant={criticality[c.criticality].variant} className="mt-px">
                  {criticality[c.criticality].label}
                </Badge>
                <span className="min-w-0 flex-1">{c.message}</span>
                {c.path && <code className="shrink-0 font-mono text-[11px] text-muted-foreground">{c.path}</code>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="grid gap-2" aria-label="Unified diff">
        <h3 className="text-xs font-medium">Unified diff</h3>
        {diff.unifiedDiff === null ? (
          <Alert>The versions are too different to diff line by line; compare the changes above.</Alert>
        ) : (
          <pre className="overflow-x-auto rounded-lg border bg-card py-2 font-mono text-[12px] leading-5">
            {body.map((line, i) => (
              <div key={i} className={cn('px-3', lineClass(line))}>
                {line || ' '}
              </div>
            ))}
          </pre>
        )}
      </section>
    </div>
  );
}
