import type { PluginBuild } from '../../../../shared/api/plugins.ts';
import { formatDateTime, formatRelative } from '@/lib/format';
import { cn } from '@/lib/utils';
import { Download } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatBytes } from '../format.ts';
import { PlatformBadges } from './platform-badges.tsx';
import { ShaChip } from './sha-chip.tsx';

interface PluginBuildsTableProps {
  builds: PluginBuild[];
  selected: string | null;
  onSelect: (version: string) => void;
}

/** Newest first; picking a row shows that version's schema, proto and mapping below. */
export function PluginBuildsTable({ builds, selected, onSelect }: PluginBuildsTableProps) {
  return (
    <Table aria-label="Versions">
      <TableHeader>
        <TableRow>
          <TableHead>Version</TableHead>
          <TableHead>SHA-256</TableHead>
          <TableHead className="text-right">Size</TableHead>
          <TableHead>Platforms</TableHead>
          <TableHead>Uploaded by</TableHead>
          <TableHead>When</TableHead>
          <TableHead className="text-right">Archive</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {builds.map((build, i) => {
          const isSelected = build.version === selected;
          return (
            <TableRow
              key={build.id}
              data-testid="build-row"
              data-version={build.version}
              aria-selected={isSelected}
              onClick={() => onSelect(build.version)}
              className={cn('cursor-pointer', isSelected && 'bg-accent/60 hover:bg-accent/60')}
            >
              <TableCell className="font-medium">
                <button
                  type="button"
                  className="font-mono text-xs hover:underline"
                  aria-label={`Show version ${build.version}`}
                  aria-pressed={isSelected}
                  onClick={(event) => {
                    event.stopPropagation();
                    onSelect(build.version);
                  }}
                >
                  {build.version}
                </button>
                {i === 0 && (
                  <Badge variant="info" className="ml-2">
                    latest
                  </Badge>
                )}
              </TableCell>
              <TableCell>
                <ShaChip sha256={build.sha256} />
              </TableCell>
              <TableCell className="text-right tabular-nums text-muted-foreground">{formatBytes(build.size)}</TableCell>
              <TableCell>
                <PlatformBadges platforms={build.platforms} />
              </TableCell>
              <TableCell className="max-w-56 truncate text-muted-foreground" title={build.uploadedBy}>
                {build.uploadedBy}
              </TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(build.createdAt)}>
                {formatRelative(build.createdAt)}
              </TableCell>
              <TableCell className="text-right">
                <Button asChild variant="ghost" size="sm" className="h-6 px-1.5">
                  <a href={build.downloadPath} download onClick={(event) => event.stopPropagation()} aria-label={`Download version ${build.version}`}>
                    <Download aria-hidden />
                    .tar.gz
                  </a>
                </Button>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
