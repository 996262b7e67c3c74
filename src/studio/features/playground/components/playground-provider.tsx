import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { SavedOperation } from '../../../../shared/api/playground.ts';
import { createRunStore, type RunActions, type RunState, type RunStore } from '../lib/run-store.ts';
import { createSessionStore, type SessionActions, type SessionState, type SessionStore } from '../lib/session-store.ts';
import { usePlaygroundSettings, type GraphRef } from '../api/playground-settings.ts';

/** The page around the editor: which graph, what the person may change, and how to load an operation. */
export interface PlaygroundPageContext {
  graph: GraphRef;
  flag: string | null;
  /** An endpoint path a share link carries; it becomes this person's path for the graph. */
  linkedPath: string | null;
  /** Display only; the server checks every write itself. */
  canEdit: boolean;
  /** The editors' current text, read at call time. */
  readEditors: () => { query: string | null; variables: string | null; headers: string | null };
  openOperation: (op: Pick<SavedOperation, 'query' | 'variables' | 'headers' | 'flag'>) => void;
}

const RunStoreContext = createContext<RunStore | null>(null);
const SessionStoreContext = createContext<SessionStore | null>(null);
const PageContext = createContext<PlaygroundPageContext | null>(null);

/** Holds what the last playground request answered with, and the graph's environment and script. */
export function PlaygroundProvider({ page, children }: { page: PlaygroundPageContext; children: ReactNode }) {
  const [store] = useState(createRunStore);
  const [session] = useState(() => createSessionStore(page.graph.org, `${page.graph.namespace}/${page.graph.graph}`));
  const graphKey = `${page.graph.namespace}/${page.graph.graph}`;
  useEffect(() => session.actions.selectGraph(page.graph.org, graphKey), [session, page.graph.org, graphKey]);
  useEffect(() => {
    if (page.linkedPath) session.actions.setEndpointPath(page.linkedPath);
  }, [session, page.linkedPath]);
  const settings = usePlaygroundSettings(page.graph);
  useEffect(() => {
    if (settings.data) session.actions.sharedLoaded(settings.data.environment.variables, settings.data.preflight.script);
  }, [session, settings.data]);
  return (
    <RunStoreContext.Provider value={store}>
      <SessionStoreContext.Provider value={session}>
        <PageContext.Provider value={page}>{children}</PageContext.Provider>
      </SessionStoreContext.Provider>
    </RunStoreContext.Provider>
  );
}

function useStore<T>(context: React.Context<T | null>, hook: string): T {
  const store = useContext(context);
  if (!store) throw new Error(`${hook} must be used inside <PlaygroundProvider>`);
  return store;
}

export function usePlaygroundRun(): RunState {
  const store = useStore(RunStoreContext, 'usePlaygroundRun');
  return useSyncExternalStore(store.subscribe, store.getState);
}

export function usePlaygroundActions(): RunActions {
  return useStore(RunStoreContext, 'usePlaygroundActions').actions;
}

export function usePlaygroundSession(): SessionState {
  const store = useStore(SessionStoreContext, 'usePlaygroundSession');
  return useSyncExternalStore(store.subscribe, store.getState);
}

export function useSessionActions(): SessionActions {
  return useStore(SessionStoreContext, 'useSessionActions').actions;
}

/** The store itself, for the fetcher, which reads it at request time rather than on render. */
export function useSessionStore(): SessionStore {
  return useStore(SessionStoreContext, 'useSessionStore');
}

export function usePlaygroundPage(): PlaygroundPageContext {
  return useStore(PageContext, 'usePlaygroundPage');
}
