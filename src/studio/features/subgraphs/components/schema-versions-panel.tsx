import { useState } from 'react';
import { GitCompare } from 'lucide-react';
import type { Subgraph } from '../../../../shared/api/graphs.ts';
import { formatDateTime, formatRelative } from '@/lib/format';
import { Section } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { PageSpinner } from '@/components/ui/spinner';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { TableSkeleton } from '@/components/ui/table-skeleton';
import { useSchemaDiff } from '../api/get-schema-diff.ts';
import { useSchemaVersions } from '../api/get-schema-versions.ts';
import { SchemaDiffView } from './schema-diff-view.tsx';

function formatBytes(n: number): string {
  return n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function SchemaVersionsPanel({ org, subgraph }: { org: string; subgraph: Subgraph }) {
  const versions = useSchemaVersions(org, subgraph.namespace, subgraph.name);
  const [picked, setPicked] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const list = versions.data?.versions ?? [];
  // By default: the latest against the one before it.
  const to = picked.to ?? list[0]?.version ?? null;
  const from = picked.from ?? list[1]?.version ?? null;
  const diff = useSchemaDiff(org, subgraph.namespace, subgraph.name, from, to);

  if (versions.isPending) return <TableSkeleton label="Loading versions" columns={['Version', 'Published', 'By', 'Size']} />;
  if (versions.isError) {
    return <ErrorState title="Could not load the versions" error={versions.error} onRetry={() => void versions.refetch()} retrying={versions.isFetching} />;
  }
  if (list.length === 0) {
    return <EmptyState icon={GitCompare} title="No schema published yet" description="Versions appear here with every publish." />;
  }

  const versionSelect = (label: string, value: number | null, onChange: (v: number) => void) => (
    <Select value={value === null ? '' : String(value)} onValueChange={(v) => onChange(Number(v))}>
      <SelectTrigger size="sm" aria-label={label} className="w-28">
        <SelectValue placeholder="version" />
      </SelectTrigger>
      <SelectContent>
        {list.map((v) => (
          <SelectItem key={v.version} value={String(v.version)}>
            v{v.version}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );

  return (
    <div className="grid gap-6">
      <Table aria-label="Schema versions">
        <TableHeader>
          <TableRow>
            <TableHead>Version</TableHead>
            <TableHead>Published</TableHead>
            <TableHead>By</TableHead>
            <TableHead className="text-right">Size</TableHead>
            <TableHead>SHA-256</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {list.map((v, i) => (
            <TableRow key={v.id} data-testid="version-row">
              <TableCell className="font-medium tabular-nums">
                v{v.version}
                {i === 0 && (
                  <Badge variant="info" className="ml-2">
                    latest
                  </Badge>
                )}
              </TableCell>
              <TableCell className="text-muted-foreground" title={formatDateTime(v.createdAt)}>
                {formatRelative(v.createdAt)}
              </TableCell>
              <TableCell className="text-muted-foreground">{v.createdBy}</TableCell>
              <TableCell className="text-right tabular-nums text-muted-foreground">{formatBytes(v.sizeBytes)}</TableCell>
              <TableCell className="font-mono text-[11px] text-muted-foreground">{v.sha256.slice(0, 12)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Section
        title="Compare versions"
        description="The text diff and the structured changes, with breaking ones marked."
        actions={
          list.length > 1 && (
            <div className="flex items-center gap-2 text-xs text-muted-foreground">
              {versionSelect('From version', from, (v) => setPicked((p) => ({ ...p, from: v, to })))}
              <span>→</span>
              {versionSelect('To version', to, (v) => setPicked((p) => ({ ...p, to: v, from })))}
            </div>
          )
        }
      >
        {list.length < 2 ? (
          <EmptyState icon={GitCompare} title="Only one version" description="Publish another version to compare them." className="py-8" />
        ) : from === to ? (
          <p className="text-xs text-muted-foreground">Pick two different versions.</p>
        ) : diff.isPending ? (
          <PageSpinner label="Comparing" />
        ) : diff.isError ? (
          <ErrorState title="Could not compare" error={diff.error} onRetry={() => void diff.refetch()} retrying={diff.isFetching} />
        ) : (
          <SchemaDiffView diff={diff.data} />
        )}
      </Section>
    </div>
  );
}
