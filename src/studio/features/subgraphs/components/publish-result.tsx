import { Link } from 'react-router';
import type { PublishSchemaResponse } from '../../../../shared/api/schema-registry.ts';
import { paths } from '@/config/paths';
import { Alert } from '@/components/ui/alert';
import { CompositionErrors } from '@/features/graphs/components/composition-errors';
import { CompositionStatusBadge } from '@/features/graphs/components/graph-status-badge';

/** What a publish did: the version, and how each affected graph composed with it. */
export function PublishResult({ org, result }: { org: string; result: PublishSchemaResponse }) {
  const { subgraph, version, unchanged, created, compositions } = result;
  return (
    <div className="grid gap-3" data-testid="publish-result">
      <Alert variant={compositions.some((c) => c.status === 'failed') ? 'warning' : 'info'}>
        {unchanged
          ? `The schema equals v${version.version}; no new version was made.`
          : `${created ? 'Created' : 'Published'} ${subgraph.name} v${version.version}.`}{' '}
        {compositions.length === 0
          ? 'No graph selects this subgraph, so nothing recomposed.'
          : `${compositions.length} ${compositions.length === 1 ? 'graph' : 'graphs'} recomposed.`}
      </Alert>
      {compositions.map((c) => (
        <div key={c.compositionId} className="grid gap-2" data-testid="publish-composition" data-graph={c.graph}>
          <div className="flex items-center gap-2 text-xs">
            <Link to={paths.org.graph.root.getHref(org, subgraph.namespace, c.graph)} className="font-medium hover:underline">
              {c.graph}
            </Link>
            <CompositionStatusBadge status={c.status} />
            {c.status === 'failed' && <span className="text-muted-foreground">routers keep the last good config</span>}
            {c.status === 'success' && c.routerConfigChanged && <span className="text-muted-foreground">new router config</span>}
          </div>
          {c.errors.length > 0 && <CompositionErrors org={org} namespace={subgraph.namespace} errors={c.errors} />}
        </div>
      ))}
    </div>
  );
}
