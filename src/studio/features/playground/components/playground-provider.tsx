import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from 'react';
import { createRunStore, type RunActions, type RunState, type RunStore } from '../lib/run-store.ts';

const RunStoreContext = createContext<RunStore | null>(null);

/** Holds what the last playground request answered with; one per playground page. */
export function PlaygroundProvider({ children }: { children: ReactNode }) {
  const [store] = useState(createRunStore);
  return <RunStoreContext.Provider value={store}>{children}</RunStoreContext.Provider>;
}

function useRunStore(hook: string): RunStore {
  const store = useContext(RunStoreContext);
  if (!store) throw new Error(`${hook} must be used inside <PlaygroundProvider>`);
  return store;
}

export function usePlaygroundRun(): RunState {
  const store = useRunStore('usePlaygroundRun');
  return useSyncExternalStore(store.subscribe, store.getState);
}

export function usePlaygroundActions(): RunActions {
  return useRunStore('usePlaygroundActions').actions;
}
