import type { CheckSchemaResponse, SchemaChange } from '../../../../shared/api/schema-registry.ts';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { CompositionErrors } from '@/features/graphs/components/composition-errors';

/** What publishing the schema would do, graph by graph, before anything is published. */
export function CheckResult({ org, result }: { org: string; result: CheckSchemaResponse }) {
  return (
    <div className="grid gap-3" data-testid="check-result" data-ok={result.ok}>
      <Alert variant={result.ok ? 'info' : 'warning'}>
        {result.graphs.length === 0
          ? 'No graph selects this subgraph yet, so there is nothing to check against.'
          : result.ok
            ? `Safe to publish: ${plural(result.graphs.length, 'graph')} would compose, with no breaking change.`
            : 'Publishing this schema would break something; nothing was published.'}
      </Alert>
      {result.graphs.map((g) => (
        <div key={g.graph} className="grid gap-2" data-testid="check-graph" data-graph={g.graph}>
          <div className="flex flex-wrap items-center gap-2 text-xs">
            <span className="font-medium">{g.graph}</span>
            {g.compositionErrors.length > 0 ? (
              <Badge variant="danger">does not compose</Badge>
            ) : g.breakingChanges.length > 0 ? (
              <Badge variant="danger">{plural(g.breakingChanges.length, 'breaking change')}</Badge>
            ) : (
              <Badge variant="success">passes</Badge>
            )}
            {g.otherChanges.length > 0 && <span className="text-muted-foreground">{plural(g.otherChanges.length, 'other change')}</span>}
          </div>
          {g.compositionErrors.length > 0 && <CompositionErrors org={org} namespace={result.namespace} errors={g.compositionErrors} />}
          {(g.breakingChanges.length > 0 || g.otherChanges.length > 0) && <ChangeList changes={[...g.breakingChanges, ...g.otherChanges]} />}
        </div>
      ))}
    </div>
  );
}

const criticality: Record<SchemaChange['criticality'], 'danger' | 'warning' | 'neutral'> = {
  breaking: 'danger',
  dangerous: 'warning',
  safe: 'neutral',
};

function ChangeList({ changes }: { changes: SchemaChange[] }) {
  return (
    <ul aria-label="Schema changes" className="divide-y rounded-lg border text-xs">
      {changes.map((c, i) => (
        <li key={`${c.type}-${c.path ?? ''}-${i}`} className="flex items-start gap-2 px-3 py-2" data-testid="check-change" data-criticality={c.criticality}>
          <Badge variant={criticality[c.criticality]}>{c.criticality}</Badge>
          <span>{c.message}</span>
        </li>
      ))}
    </ul>
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
