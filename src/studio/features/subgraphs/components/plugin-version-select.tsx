import { Link } from 'react-router';
import type { Subgraph } from '../../../../shared/api/graphs.ts';
import { paths } from '@/config/paths';
import { errorMessage } from '@/lib/api-client';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { useToast } from '@/components/ui/toast';
import { usePluginBuilds } from '@/features/plugins/api/get-plugin-builds';
import { useUpdateSubgraph } from '../api/update-subgraph.ts';

// Radix Select items need a non-empty value; "latest" is not a valid build version name.
const LATEST = '__latest__';

/**
 * The plugin a grpc_plugin subgraph runs and the build it is pinned to. Developers pick a
 * version (or "latest": always the newest build) and the graphs recompose with it.
 */
export function PluginVersionSelect({ org, subgraph, canWrite }: { org: string; subgraph: Subgraph; canWrite: boolean }) {
  const plugin = subgraph.plugin!;
  const builds = usePluginBuilds(org, subgraph.namespace, plugin.name);
  const update = useUpdateSubgraph(org, subgraph.namespace, subgraph.name);
  const { toast } = useToast();
  const newest = builds.data?.builds[0]?.version;
  const current = plugin.version ?? LATEST;
  const pinnedMissing = plugin.version !== null && builds.data && !builds.data.builds.some((b) => b.version === plugin.version);

  const pick = (value: string) => {
    if (value === current) return;
    const pluginVersion = value === LATEST ? null : value;
    update.mutate(
      { pluginVersion },
      {
        onSuccess: ({ compositions }) => {
          const failed = compositions.filter((c) => c.status === 'failed').map((c) => c.graph);
          toast(
            failed.length
              ? { variant: 'error', title: `${subgraph.name} pinned, but composition failed`, description: `In ${failed.join(', ')}` }
              : {
                  variant: 'success',
                  title: pluginVersion ? `${subgraph.name} pinned to ${plugin.name}@${pluginVersion}` : `${subgraph.name} follows the newest build of ${plugin.name}`,
                },
          );
        },
        onError: (err) => toast({ variant: 'error', title: 'Could not change the plugin version', description: errorMessage(err) }),
      },
    );
  };

  // Said in words as well as by the select's value: "latest (2.0.0)" alone reads like a pin.
  const pin = (
    <span className="text-xs text-muted-foreground" data-testid="plugin-pin">
      {plugin.version ? `pinned to ${plugin.version}` : `following the newest build${newest ? ` (now ${newest})` : ''}`}
    </span>
  );

  const pluginLink = (
    <Link to={paths.org.plugin.getHref(org, subgraph.namespace, plugin.name)} className="font-medium hover:underline">
      {plugin.name}
    </Link>
  );

  if (builds.isError) {
    return (
      <span className="grid gap-0.5">
        {pluginLink}
        <span className="text-xs text-destructive">{builds.error && errorMessage(builds.error).includes('not found') ? 'No such plugin: upload a build' : 'Could not load its builds'}</span>
      </span>
    );
  }
  if (!canWrite) {
    return (
      <span className="grid gap-0.5">
        {pluginLink}
        <span className="font-mono text-xs" data-testid="plugin-version">
          {plugin.version ?? `latest${newest ? ` (${newest})` : ''}`}
        </span>
        {pin}
      </span>
    );
  }
  return (
    <span className="grid gap-1">
      {pluginLink}
      <Select value={current} onValueChange={pick} disabled={builds.isPending || update.isPending}>
        <SelectTrigger size="sm" aria-label={`Build of ${plugin.name} that ${subgraph.name} runs`} data-testid="plugin-version-select">
          {/* The current value reads right even before the builds (and so the items) load. */}
          <SelectValue>{plugin.version ?? `latest${newest ? ` (${newest})` : ''}`}</SelectValue>
        </SelectTrigger>
        <SelectContent>
          <SelectItem value={LATEST} description="Always the newest build">
            latest{newest ? ` (${newest})` : ''}
          </SelectItem>
          {pinnedMissing && <SelectItem value={plugin.version!}>{plugin.version} (gone)</SelectItem>}
          {builds.data?.builds.map((b) => (
            <SelectItem key={b.version} value={b.version}>
              {b.version}
            </SelectItem>
          ))}
        </SelectContent>
      </Select>
      {pin}
    </span>
  );
}
