import { Link, NavLink, Outlet } from 'react-router';
import { ChevronRight, Play } from 'lucide-react';
import { paths } from '@/config/paths';
import { cn } from '@/lib/utils';
import { isApiError } from '@/lib/api-client';
import type { CurrentOrg } from '@/hooks/use-current-org';
import { Button } from '@/components/ui/button';
import { CopyButton } from '@/components/ui/copy-button';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/spinner';
import { useGraph } from '../api/get-graph.ts';
import { useGraphParams } from '../use-graph-params.ts';
import { GraphStatusBadge } from './graph-status-badge.tsx';
import { CreateFlagDialog } from '@/features/feature-flags/components/create-flag-dialog';

/** The header and sub-navigation shared by every page of one graph. */
export function GraphShell({ org }: { org: CurrentOrg }) {
  const { namespace, graph: name } = useGraphParams();
  const graph = useGraph(org.slug, namespace, name);
  const args = [org.slug, namespace, name] as const;
  const tabs = [
    { label: 'Overview', href: paths.org.graph.root.getHref(...args), end: true },
    { label: 'Schema', href: paths.org.graph.schema.getHref(...args) },
    { label: 'Compositions', href: paths.org.graph.compositions.getHref(...args) },
    { label: 'Subgraphs', href: paths.org.graph.subgraphs.getHref(...args) },
    { label: 'Feature flags', href: paths.org.graph.featureFlags.getHref(...args) },
    { label: 'Router tokens', href: paths.org.graph.routerTokens.getHref(...args) },
    { label: 'Settings', href: paths.org.graph.settings.getHref(...args) },
  ];
  const playground = `${paths.org.playground.getHref(org.slug)}?graph=${encodeURIComponent(`${namespace}/${name}`)}`;

  return (
    <>
      <title>{`${name} · ${org.name} · Switchyard`}</title>
      <header className="border-b px-6 pt-4">
        <nav aria-label="Breadcrumb" className="mb-1 flex items-center gap-1 text-xs text-muted-foreground">
          <Link to={`${paths.org.graphs.getHref(org.slug)}${namespace === 'default' ? '' : `?namespace=${encodeURIComponent(namespace)}`}`} className="hover:text-foreground">
            Graphs
          </Link>
          <ChevronRight className="size-3" aria-hidden />
          <span>{namespace}</span>
        </nav>
        <div className="flex items-start justify-between gap-4">
          <div className="min-w-0">
            <div className="flex items-center gap-2">
              <h1 className="text-base font-semibold tracking-tight">{name}</h1>
              {graph.data && <GraphStatusBadge status={graph.data.status} />}
            </div>
            <div className="mt-1 flex min-h-5 items-center gap-2 text-xs text-muted-foreground">
              {graph.data ? (
                <>
                  <span>Router URL</span>
                  <code className="truncate font-mono text-foreground" data-testid="router-url">
                    {graph.data.routingUrl}
                  </code>
                  <CopyButton value={graph.data.routingUrl} label="Copy" variant="ghost" className="h-6 px-1.5" />
                </>
              ) : graph.isPending ? (
                <Skeleton className="h-3 w-56" />
              ) : null}
            </div>
          </div>
          <div className="flex shrink-0 items-center gap-2">
            {org.role !== 'viewer' && <CreateFlagDialog org={org.slug} namespace={namespace} graph={name} variant="outline" />}
            <Button asChild size="sm" variant="outline">
              <Link to={playground}>
                <Play aria-hidden />
                Open in playground
              </Link>
            </Button>
          </div>
        </div>
        <nav aria-label="Graph" className="-mb-px mt-3 flex gap-4">
          {tabs.map((tab) => (
            <NavLink
              key={tab.label}
              to={tab.href}
              end={tab.end ?? false}
              className={({ isActive }) =>
                cn(
                  'border-b-2 border-transparent pb-2 text-[13px] text-muted-foreground transition-colors hover:text-foreground',
                  isActive && 'border-foreground font-medium text-foreground',
                )
              }
            >
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </header>
      <div className="px-6 py-5">
        {graph.isError ? (
          <ErrorState
            title={isApiError(graph.error, 404) ? 'Graph not found' : 'Could not load this graph'}
            error={graph.error}
            onRetry={isApiError(graph.error, 404) ? undefined : () => void graph.refetch()}
            retrying={graph.isFetching}
          />
        ) : (
          <Outlet />
        )}
      </div>
    </>
  );
}
