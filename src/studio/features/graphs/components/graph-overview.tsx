import { Link } from 'react-router';
import { History } from 'lucide-react';
import type { GraphDetail } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { EmptyState, Code } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { PageSpinner, Skeleton } from '@/components/ui/spinner';
import { useComposition } from '../api/get-composition.ts';
import { useGraph } from '../api/get-graph.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { CompositionErrors } from './composition-errors.tsx';
import { GraphDiagram } from './graph-diagram.tsx';
import { RouterPluginsCard } from './router-plugins-card.tsx';
import { CompositionStatusBadge, LabelList } from './graph-status-badge.tsx';

export function GraphOverview() {
  const { org, namespace, graph: name } = useGraphParams();
  const graph = useGraph(org, namespace, name);
  if (graph.isPending) return <PageSpinner label="Loading the graph" />;
  if (graph.isError) return null; // the shell shows it
  const g = graph.data;

  return (
    <div className="grid gap-6">
      <Section title="Subgraphs" description={<>Label matchers: <LabelList labels={g.labelMatchers} empty="none (unlabelled subgraphs)" /></>}>
        <GraphDiagram org={org} graph={g} />
      </Section>
      <LatestComposition org={org} graph={g} />
      <RouterPluginsCard graph={g} />
    </div>
  );
}

function LatestComposition({ org, graph }: { org: string; graph: GraphDetail }) {
  const latest = graph.latestComposition;
  const detail = useComposition(org, graph.namespace, graph.name, latest?.status === 'failed' ? latest.id : null);
  const historyHref = paths.org.graph.compositions.getHref(org, graph.namespace, graph.name);

  return (
    <Section
      title="Latest composition"
      actions={
        latest && (
          <Link to={historyHref} className="flex items-center gap-1 text-xs text-muted-foreground hover:text-foreground">
            <History className="size-3.5" aria-hidden />
            History
          </Link>
        )
      }
    >
      {!latest ? (
        <EmptyState
          icon={History}
          title="Never composed"
          description={
            <>
              The graph composes as soon as a subgraph it selects has a schema. Publish one with{' '}
              <Code>switchyard subgraph publish</Code> or from a subgraph's page.
            </>
          }
        />
      ) : (
        <Card className="grid gap-3 p-4" data-testid="latest-composition">
          <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs">
            <CompositionStatusBadge status={latest.status} />
            <span className="text-muted-foreground" title={formatDateTime(latest.createdAt)}>
              {formatRelative(latest.createdAt)}
            </span>
            <span className="text-muted-foreground">by {latest.triggeredBy}</span>
            <span className="text-foreground">{latest.trigger}</span>
            <Link
              to={paths.org.graph.composition.getHref(org, graph.namespace, graph.name, latest.id)}
              className="ml-auto text-muted-foreground hover:text-foreground hover:underline"
            >
              Details
            </Link>
          </div>
          {latest.status === 'failed' && (
            <>
              <Alert variant="warning">
                {graph.lastGoodComposition
                  ? `Routers keep serving the last good composition (${formatRelative(graph.lastGoodComposition.createdAt)}) until this is fixed.`
                  : 'This graph has never composed successfully, so routers have no config for it yet.'}
              </Alert>
              {detail.isPending ? (
                <Skeleton className="h-16 w-full" />
              ) : detail.isError ? (
                <ErrorState title="Could not load the errors" error={detail.error} onRetry={() => void detail.refetch()} />
              ) : (
                <CompositionErrors org={org} namespace={graph.namespace} errors={detail.data.errors} />
              )}
            </>
          )}
          {graph.routerConfig && (
            <p className="text-xs text-muted-foreground">
              Router config <code className="font-mono text-foreground">{graph.routerConfig.hash.slice(0, 12)}</code>, built{' '}
              {formatRelative(graph.routerConfig.createdAt)}.
            </p>
          )}
        </Card>
      )}
    </Section>
  );
}
