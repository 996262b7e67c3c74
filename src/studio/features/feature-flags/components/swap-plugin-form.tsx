import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Puzzle } from 'lucide-react';
import { paths } from '@/config/paths';
import { formatRelative } from '@/lib/format';
import { EmptyState, Code } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Field } from '@/components/ui/field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/spinner';
import { usePluginBuilds, usePlugins } from '../api/get-plugins.ts';
import type { SwapFormProps } from './swap-form-props.ts';
import { FormDialogFooter } from '@/components/ui/form-dialog-footer';

const NEWEST = '$newest';

/** An uploaded plugin build; "newest" is pinned by the server at swap time. */
export function SwapPluginForm({ org, namespace, row, pending, onSubmit, onEdit }: SwapFormProps) {
  const current = row.swap?.kind === 'plugin' ? row.swap : null;
  const plugins = usePlugins(org, namespace);
  const [plugin, setPlugin] = useState<string | null>(current?.plugin ?? null);
  const [version, setVersion] = useState<string>(current?.pluginVersion ?? NEWEST);
  const builds = usePluginBuilds(org, namespace, plugin);
  // A plugin whose builds were all deleted has nothing to swap in.
  const choices = plugins.data?.plugins.filter((p) => p.latest) ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!plugin) return;
    onSubmit({ kind: 'plugin', plugin, ...(version === NEWEST ? {} : { version }) });
  };

  if (plugins.isPending) return <Skeleton className="h-32 w-full" />;
  if (plugins.isError) return <ErrorState title="Could not load the plugins" error={plugins.error} onRetry={() => void plugins.refetch()} />;
  if (choices.length === 0) {
    return (
      <EmptyState
        icon={Puzzle}
        title={`No plugin builds in “${namespace}”`}
        description={
          <>
            Upload one with <Code>switchyard plugin build</Code> and <Code>switchyard plugin push</Code>, or see{' '}
            <Link to={paths.org.plugins.getHref(org)} className="underline">
              Plugins
            </Link>
            .
          </>
        }
      />
    );
  }

  return (
    <form noValidate onSubmit={submit} className="grid gap-4" aria-label="Uploaded plugin">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Plugin">
          <Select
            value={plugin ?? ''}
            onValueChange={(next) => {
              setPlugin(next);
              setVersion(NEWEST);
              onEdit();
            }}
          >
            <SelectTrigger aria-label="Plugin">
              <SelectValue placeholder="Choose a plugin" />
            </SelectTrigger>
            <SelectContent>
              {choices.map((p) => (
                <SelectItem key={p.name} value={p.name} description={p.description ?? `${p.buildCount} builds`}>
                  {p.name}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
        <Field label="Version" hint={builds.isError ? 'Could not load the versions' : undefined}>
          <Select
            value={version}
            disabled={!plugin}
            onValueChange={(next) => {
              setVersion(next);
              onEdit();
            }}
          >
            <SelectTrigger aria-label="Version">
              <SelectValue />
            </SelectTrigger>
            <SelectContent>
              <SelectItem value={NEWEST} description="pinned to the newest build when you swap">
                Newest{builds.data?.builds[0] ? ` (${builds.data.builds[0].version})` : ''}
              </SelectItem>
              {builds.data?.builds.map((b) => (
                <SelectItem key={b.version} value={b.version} description={`uploaded ${formatRelative(b.createdAt)} by ${b.uploadedBy}`}>
                  {b.version}
                </SelectItem>
              ))}
            </SelectContent>
          </Select>
        </Field>
      </div>
      <FormDialogFooter submitLabel="Swap for plugin" pending={pending} disabled={!plugin} />
    </form>
  );
}
