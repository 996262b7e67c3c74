import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/spinner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatRelative } from '@/lib/format';
import { useGraph } from '@/features/graphs/api/get-graph';
import { useRouterMisses } from '../api/get-router-misses.ts';

/** Keys the flag's real subgraphs did not find, as the staging router saw them: where a mock's key pool needs a fix. */
export function FlagEntityMisses({ org, namespace, graph, flag }: { org: string; namespace: string; graph: string; flag: string }) {
  const detail = useGraph(org, namespace, graph);
  const misses = useRouterMisses(detail.data?.routingUrl, flag);
  return (
    <Section title="Keys the subgraphs did not find" description="The last entity references a subgraph answered with null under this flag, as the staging router reports them.">
      <Card className="grid gap-3 p-4" data-testid="entity-misses">
        {misses.isError ? (
          <Alert variant="warning">Cannot read the staging router's entity misses. {misses.error.message}</Alert>
        ) : !misses.data ? (
          <Skeleton className="h-10 w-full" />
        ) : misses.data.misses.length === 0 ? (
          <p className="text-xs text-muted-foreground">None: every key this flag's mocks handed out was found.</p>
        ) : (
          <Table aria-label="Entity misses">
            <TableHeader>
              <TableRow>
                <TableHead>Subgraph</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Key</TableHead>
                <TableHead>From</TableHead>
                <TableHead>When</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {misses.data.misses.map((m, i) => (
                <TableRow key={`${m.at}-${i}`} data-testid="entity-miss">
                  <TableCell>{m.subgraph}</TableCell>
                  <TableCell className="font-mono">{m.type}</TableCell>
                  <TableCell className="font-mono">{JSON.stringify(m.key)}</TableCell>
                  <TableCell className="font-mono">{m.origin?.plugin ?? '–'}</TableCell>
                  <TableCell>{formatRelative(m.at)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </Section>
  );
}
