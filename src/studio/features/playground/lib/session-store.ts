import { loadPersonal, savePersonal, type PersonalEnvironment } from './environment.ts';
import type { PreflightLog } from './preflight.ts';

/** What the playground knows beyond one request: environment, preflight script and its output. */
export interface SessionState {
  org: string;
  graph: string;
  /** Shared, non-secret values from the control plane. */
  shared: Record<string, string>;
  personal: PersonalEnvironment;
  script: string;
  /** Per person and graph, in this browser. */
  preflightEnabled: boolean;
  logs: PreflightLog[];
  /** Replaces the router URL's path (and query) when set, e.g. `/graphql?tenant={{tenant}}`. Per person and graph. */
  endpointPath: string | null;
  /** The last preflight run's outcome: null before any run. */
  preflight: { ok: true } | { ok: false; message: string } | null;
}

type Listener = () => void;
const enabledKey = (org: string, graph: string) => `switchyard.playground.preflight.${org}.${graph}`;
const pathKey = (org: string, graph: string) => `switchyard.playground.path.${org}.${graph}`;
const MAX_LOGS = 200;

function readEnabled(org: string, graph: string): boolean {
  try {
    return localStorage.getItem(enabledKey(org, graph)) !== 'off';
  } catch {
    return true;
  }
}

function readPath(org: string, graph: string): string | null {
  try {
    return localStorage.getItem(pathKey(org, graph)) || null;
  } catch {
    return null;
  }
}

// Storage may be unavailable (private mode); the setting still holds for this page.
function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // see above
  }
}

/** An external store like run-store: actions apart from state, read with useSyncExternalStore. */
export function createSessionStore(org: string, graph: string) {
  let state: SessionState = {
    org,
    graph,
    shared: {},
    personal: loadPersonal(org, graph),
    script: '',
    preflightEnabled: readEnabled(org, graph),
    logs: [],
    endpointPath: readPath(org, graph),
    preflight: null,
  };
  const listeners = new Set<Listener>();
  const set = (patch: Partial<SessionState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const setPersonal = (personal: PersonalEnvironment) => {
    savePersonal(state.org, state.graph, personal);
    set({ personal });
  };
  return {
    getState: () => state,
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    actions: {
      /** The page switched graph: personal values and the toggle are per graph. */
      selectGraph: (org: string, graph: string) => {
        if (org === state.org && graph === state.graph) return;
        set({ org, graph, personal: loadPersonal(org, graph), preflightEnabled: readEnabled(org, graph), endpointPath: readPath(org, graph), shared: {}, script: '', logs: [], preflight: null });
      },
      sharedLoaded: (shared: Record<string, string>, script: string) => set({ shared, script }),
      setPersonalValue: (name: string, value: string, secret: boolean) =>
        setPersonal({ ...state.personal, [name]: { value, secret } }),
      removePersonalValue: (name: string) => {
        const { [name]: _gone, ...rest } = state.personal;
        setPersonal(rest);
      },
      /** Values a preflight script set: kept as personal secrets, since they are usually tokens. */
      scriptSetValues: (values: Record<string, string>) => {
        if (Object.keys(values).length === 0) return;
        const next = { ...state.personal };
        for (const [k, v] of Object.entries(values)) next[k] = { value: v, secret: next[k]?.secret ?? true };
        setPersonal(next);
      },
      /** Per person and graph, like the toggle: a path such as `/graphql?tenant={{tenant}}`, or null for the router's own. */
      setEndpointPath: (path: string | null) => {
        const endpointPath = path?.trim() ? path.trim() : null;
        store(pathKey(state.org, state.graph), endpointPath);
        set({ endpointPath });
      },
      setPreflightEnabled: (enabled: boolean) => {
        store(enabledKey(state.org, state.graph), enabled ? 'on' : 'off');
        set({ preflightEnabled: enabled });
      },
      preflightStarted: () => set({ logs: [], preflight: null }),
      preflightLog: (log: PreflightLog) => set({ logs: [...state.logs, log].slice(-MAX_LOGS) }),
      preflightFinished: (error: string | null) => set({ preflight: error === null ? { ok: true } : { ok: false, message: error } }),
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
export type SessionActions = SessionStore['actions'];
