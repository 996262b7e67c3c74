import { Plug } from 'lucide-react';
import type { GraphDetail } from '../../../../shared/api/graphs.ts';
import type { RouterPluginStatus } from '../../../../shared/router-plugins.ts';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/spinner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { routerBaseUrl, useRouterPlugins } from '../api/get-router-plugins.ts';

const stateVariant: Record<RouterPluginStatus['state'], BadgeProps['variant']> = {
  serving: 'success',
  starting: 'info',
  restarting: 'warning',
  failed: 'danger',
  stopped: 'neutral',
  idle: 'outline',
};

/** The plugin processes the graph's staging router supervises, as it reports them itself. */
export function RouterPluginsCard({ graph }: { graph: GraphDetail }) {
  const plugins = useRouterPlugins(graph.routingUrl);
  const base = routerBaseUrl(graph.routingUrl);
  const expected = graph.subgraphs.filter((s) => s.type === 'grpc_plugin').map((s) => s.name);

  return (
    <Section title="Plugins on the staging router" description={<>As reported by <code className="font-mono">{base}/plugins</code>, every 5 s.</>}>
      <Card className="grid gap-3 p-4" data-testid="router-plugins">
        {plugins.isPending ? (
          <Skeleton className="h-10 w-full" />
        ) : plugins.isError ? (
          <Alert variant="warning">
            Cannot reach the staging router, so its plugin state is unknown. {plugins.error.message}
          </Alert>
        ) : !plugins.data.supervised ? (
          <p className="text-xs text-muted-foreground">This router runs without the plugin runtime.</p>
        ) : plugins.data.plugins.length === 0 ? (
          <p className="flex items-center gap-2 text-xs text-muted-foreground">
            <Plug className="size-3.5" aria-hidden />
            {expected.length
              ? `No plugin running yet, although ${expected.join(', ')} ${expected.length === 1 ? 'is a plugin subgraph' : 'are plugin subgraphs'}: the router starts them when its config needs them.`
              : 'No plugin running.'}
          </p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>Plugin</TableHead>
                <TableHead>State</TableHead>
                <TableHead>Restarts</TableHead>
                <TableHead>Cold start</TableHead>
                <TableHead>Serving since</TableHead>
                <TableHead>Last error</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plugins.data.plugins.map((p) => (
                <TableRow key={p.build}>
                  <TableCell>
                    <span className="font-medium">{p.name}</span>{' '}
                    <code className="font-mono text-[11px] text-muted-foreground">{p.build.slice(p.name.length + 1)}</code>
                  </TableCell>
                  <TableCell>
                    <Badge variant={stateVariant[p.state]} dot>
                      {p.state}
                    </Badge>
                  </TableCell>
                  <TableCell>{p.restarts}</TableCell>
                  <TableCell>{p.coldStartMs === null ? '—' : `${Math.round(p.coldStartMs)} ms`}</TableCell>
                  <TableCell>{p.servingSince ? <span title={formatDateTime(p.servingSince)}>{formatRelative(p.servingSince)}</span> : '—'}</TableCell>
                  <TableCell className="max-w-80 truncate text-xs text-muted-foreground" title={p.lastError ?? undefined}>
                    {p.lastError ?? '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
    </Section>
  );
}
