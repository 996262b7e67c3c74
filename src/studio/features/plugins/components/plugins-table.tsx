import { Link } from 'react-router';
import type { Plugin } from '../../../../shared/api/plugins.ts';
import { paths } from '@/config/paths';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { PlatformBadges } from './platform-badges.tsx';

export const PLUGIN_COLUMNS = ['Name', 'Latest version', 'Builds', 'Platforms', 'Last upload', 'Uploaded by'];

export function PluginsTable({ org, plugins }: { org: string; plugins: Plugin[] }) {
  return (
    <Table aria-label="Plugins">
      <TableHeader>
        <TableRow>
          <TableHead>Name</TableHead>
          <TableHead>Latest version</TableHead>
          <TableHead className="text-right">Builds</TableHead>
          <TableHead>Platforms</TableHead>
          <TableHead>Last upload</TableHead>
          <TableHead>Uploaded by</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {plugins.map((plugin) => {
          const latest = plugin.latest;
          return (
            <TableRow key={plugin.id} data-testid="plugin-row" data-plugin={plugin.name}>
              <TableCell className="font-medium">
                <Link to={paths.org.plugin.getHref(org, plugin.namespace, plugin.name)} className="hover:underline">
                  {plugin.name}
                </Link>
                {plugin.description && (
                  <p className="max-w-72 truncate text-xs font-normal text-muted-foreground" title={plugin.description}>
                    {plugin.description}
                  </p>
                )}
              </TableCell>
              <TableCell className="font-mono text-xs">{latest?.version ?? <span className="text-muted-foreground">—</span>}</TableCell>
              <TableCell className="text-right tabular-nums">{plugin.buildCount}</TableCell>
              <TableCell>
                <PlatformBadges platforms={latest?.platforms ?? []} />
              </TableCell>
              <TableCell className="text-muted-foreground" title={latest ? formatDateTime(latest.createdAt) : undefined}>
                {latest ? formatRelative(latest.createdAt) : '—'}
              </TableCell>
              <TableCell className="max-w-56 truncate text-muted-foreground" title={latest?.uploadedBy}>
                {latest?.uploadedBy ?? '—'}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
