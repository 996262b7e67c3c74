import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Play } from 'lucide-react';
import { PageHeader } from '@/components/layout/page-header';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Spinner } from '@/components/ui/spinner';
import { useCurrentOrg } from '@/hooks/use-current-org';
import { useTheme } from '@/lib/theme';
import { errorMessage } from '@/lib/api-client';
import { useGraphs } from '@/features/graphs/api/get-graphs';
import { fromSearchParams, toSearchParams, type ShareState } from '../lib/share-link.ts';
import { usePlaygroundTargets, useTargetSchema } from '../api/get-playground-targets.ts';
import { roleAtLeast } from '../../../../shared/roles.ts';
import { useSavedOperation } from '../api/collections.ts';
import { starterQuery } from '../lib/starter-query.ts';
import { PlaygroundProvider, type PlaygroundPageContext } from './playground-provider.tsx';
import { PlaygroundEditor, type LiveEditors } from './playground-editor.tsx';
import { graphKeyOf, TargetBar } from './target-bar.tsx';

const FALLBACK_QUERY = `# Write a query; docs and autocomplete come from the target's composed schema.
query {
  __typename
}
`;

type Draft = Pick<ShareState, 'query' | 'variables' | 'headers'>;

/** The editors' text: read live from the mounted editor when there is one, else the last known. */
function createDraft(initial: Draft) {
  let value = initial;
  let live: LiveEditors | null = null;
  return {
    get(): Draft {
      if (live) value = { ...value, ...live.read() };
      return value;
    },
    set: (patch: Partial<Draft>) => void (value = { ...value, ...patch }),
    /** Fills the mounted editors in place; false when none is mounted (the next one starts from the draft). */
    open(next: Draft & { query: string }): boolean {
      value = { ...value, ...next };
      if (!live) return false;
      live.open(next);
      return true;
    },
    // Dropped when the editor unmounts: a disposed editor reads as empty. Switching target
    // reads the live text first (update() calls get()), so nothing typed is lost.
    setLive: (editors: LiveEditors | null) => void (live = editors),
  };
}

/**
 * GraphiQL against a graph's staging router. The URL holds the whole state (graph,
 * flag, query, variables, headers), so a copied link reopens exactly this view.
 */
export function PlaygroundPage() {
  const org = useCurrentOrg();
  const { resolved: theme } = useTheme();
  const [params, setParams] = useSearchParams();
  const shared = useMemo(() => fromSearchParams(params), [params]);
  // Editor contents change on every keystroke; keep them out of React state and the URL
  // until the target changes or a link is shared.
  // A mutable box, read when the editor remounts for a new target and when sharing.
  const [draft] = useState(() => createDraft({ query: shared.query, variables: shared.variables, headers: shared.headers }));

  const graphs = useGraphs(org.slug, 'default');
  const graphList = graphs.data?.graphs ?? [];
  const selected = graphList.find((g) => graphKeyOf(g) === shared.graph) ?? (shared.graph ? undefined : graphList[0]);
  const namespace = selected?.namespace ?? null;
  const graphName = selected?.name ?? null;
  const targets = usePlaygroundTargets(org.slug, namespace, graphName);
  const schema = useTargetSchema(org.slug, namespace, graphName, shared.flag);
  const graphRef = useMemo(() => ({ org: org.slug, namespace: namespace ?? '', graph: graphName ?? '' }), [org.slug, namespace, graphName]);
  const linkedOperationId = params.get('operation');
  const linked = useSavedOperation(selected ? graphRef : null, linkedOperationId);
  const appliedLink = useRef<string | null>(null);

  // The endpoint path lives in the session (per person and graph) once a link has handed it
  // over, so the address bar drops it rather than carry a stale copy.
  const update = (next: Partial<ShareState>) => {
    const state: ShareState = { ...shared, ...draft.get(), path: null, ...next };
    setParams(toSearchParams(state), { replace: true });
  };

  // A saved operation goes into the open editor's active tab. Only when it names another
  // target does the editor remount (its key changes) and start from the draft, as a target
  // switch does; the old editor must not be read then, or its text would win.
  const openOperation: PlaygroundPageContext['openOperation'] = (op) => {
    const contents = { query: op.query, variables: op.variables || null, headers: op.headers || null };
    if ((op.flag ?? null) === shared.flag) draft.open(contents);
    else {
      draft.set(contents);
      draft.setLive(null);
    }
    update({ flag: op.flag, ...contents });
  };
  // A share link naming a saved operation opens it once it has loaded.
  useEffect(() => {
    if (!linked.data || appliedLink.current === linked.data.id) return;
    appliedLink.current = linked.data.id;
    openOperation(linked.data);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per linked operation
  }, [linked.data]);

  const shareUrl = (path: string | null) => {
    const state = { ...shared, graph: selected ? graphKeyOf(selected) : shared.graph, ...draft.get(), path };
    setParams(toSearchParams(state), { replace: true });
    return `${window.location.origin}${window.location.pathname}?${toSearchParams(state).toString()}`;
  };

  const header = (
    <PageHeader
      title="Playground"
      context={org.name}
      description="Queries go to the graph's staging router; the target decides the X-Feature-Flag header, and every answer says what served it."
    />
  );

  if (graphs.isPending) return <>{header}<div className="p-6"><Spinner /></div></>;
  if (graphs.isError) return <>{header}<div className="p-6"><ErrorState error={graphs.error} onRetry={() => void graphs.refetch()} /></div></>;
  if (graphList.length === 0) {
    return (
      <>
        {header}
        <div className="p-6">
          <EmptyState icon={Play} title="No graphs to query" description="Create a graph and publish its subgraphs; it can be queried here once it composes." />
        </div>
      </>
    );
  }
  if (!selected) {
    return <>{header}<div className="p-6"><ErrorState error={new Error(`There is no graph "${shared.graph}" in this organization.`)} /></div></>;
  }

  const page: PlaygroundPageContext = {
    graph: graphRef,
    flag: shared.flag,
    linkedPath: shared.path,
    canEdit: roleAtLeast(org.role, 'developer'),
    readEditors: () => draft.get(),
    openOperation,
  };

  return (
    <PlaygroundProvider page={page}>
      <div className="flex h-full min-h-0 flex-col">
        {header}
        {linked.isError ? (
          <div className="px-4 py-2">
            <ErrorState error={new Error(`The linked saved operation could not be opened: ${errorMessage(linked.error)}`)} />
          </div>
        ) : null}
        <TargetBar
          graphs={graphList}
          graphKey={graphKeyOf(selected)}
          onGraphChange={(graph) => update({ graph, flag: null })}
          targets={targets.data ?? [{ flag: null, label: 'Base graph', available: true }]}
          flag={shared.flag}
          onFlagChange={(flag) => update({ graph: graphKeyOf(selected), flag })}
          routerUrl={selected.routingUrl}
          shareUrl={shareUrl}
        />
        <div className="min-h-0 flex-1" data-testid="playground-editor">
          {schema.isPending ? (
            <div className="p-6"><Spinner /></div>
          ) : schema.isError ? (
            <div className="p-6">
              <ErrorState error={new Error(`No composed schema for this target yet: ${errorMessage(schema.error)}`)} onRetry={() => void schema.refetch()} />
            </div>
          ) : (
            <PlaygroundEditor
              // A new target gets a fresh editor wired to its schema and header, carrying the draft over.
              key={`${graphKeyOf(selected)}|${shared.flag ?? ''}|${schema.data.compositionId ?? ''}`}
              routerUrl={selected.routingUrl}
              flag={shared.flag}
              clientSchema={schema.data.clientSchema}
              initialQuery={draft.get().query ?? starterQuery(schema.data.clientSchema) ?? FALLBACK_QUERY}
              initialVariables={draft.get().variables ?? undefined}
              initialHeaders={draft.get().headers ?? undefined}
              theme={theme}
              onEditQuery={(query) => draft.set({ query })}
              onEditVariables={(variables) => draft.set({ variables })}
              onEditHeaders={(headers) => draft.set({ headers })}
              onEditorsReady={draft.setLive}
            />
          )}
        </div>
      </div>
    </PlaygroundProvider>
  );
}
