import { Link } from 'react-router';
import { Boxes } from 'lucide-react';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Section } from '@/components/layout/page-header';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { PageSpinner } from '@/components/ui/spinner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { CreateSubgraphDialog } from '@/features/subgraphs/components/create-subgraph-dialog';
import { useGraph } from '../api/get-graph.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { LabelList } from './graph-status-badge.tsx';
import { SubgraphTypeBadge } from './subgraph-type-badge.tsx';

export function GraphSubgraphs({ org }: { org: CurrentOrg }) {
  const { namespace, graph: name } = useGraphParams();
  const graph = useGraph(org.slug, namespace, name);
  if (graph.isPending) return <PageSpinner label="Loading subgraphs" />;
  if (graph.isError) return null;
  const { subgraphs, labelMatchers } = graph.data;
  const canWrite = org.role !== 'viewer';

  return (
    <Section
      title="Subgraphs"
      description="The subgraphs of this namespace whose labels this graph's matchers select."
      actions={canWrite ? <CreateSubgraphDialog org={org.slug} namespace={namespace} labelMatchers={labelMatchers} /> : undefined}
    >
      {subgraphs.length === 0 ? (
        <EmptyState
          icon={Boxes}
          title="No subgraphs in this graph"
          description={
            <>
              Publish a subgraph with labels that match <LabelList labels={labelMatchers} empty="no labels" />, e.g.{' '}
              <Code>switchyard subgraph publish --namespace {namespace} --name products --schema products.graphql --routing-url …</Code>
            </>
          }
        />
      ) : (
        <Table aria-label="Subgraphs">
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Type</TableHead>
              <TableHead>Routing URL</TableHead>
              <TableHead>Labels</TableHead>
              <TableHead>Latest version</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {subgraphs.map((s) => (
              <TableRow key={s.id} data-testid="subgraph-row" data-subgraph={s.name}>
                <TableCell className="font-medium">
                  <Link to={paths.org.subgraph.getHref(org.slug, s.namespace, s.name)} className="hover:underline">
                    {s.name}
                  </Link>
                </TableCell>
                <TableCell>
                  <SubgraphTypeBadge type={s.type} />
                </TableCell>
                <TableCell className="max-w-72 truncate font-mono text-xs text-muted-foreground" title={s.routingUrl ?? undefined}>
                  {s.routingUrl ?? '—'}
                </TableCell>
                <TableCell>
                  <LabelList labels={s.labels} />
                </TableCell>
                <TableCell className="text-muted-foreground">
                  {s.latestVersion ? (
                    <span title={formatDateTime(s.latestVersion.createdAt)}>
                      v{s.latestVersion.version} · {formatRelative(s.latestVersion.createdAt)}
                    </span>
                  ) : (
                    'no schema'
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
