/** The playground state a share link reopens. */
export interface ShareState {
  graph: string | null;
  flag: string | null;
  query: string | null;
  variables: string | null;
  headers: string | null;
  /**
   * The endpoint path as typed, `{{templates}}` and all: values are filled in only when a
   * request is sent, so a secret never reaches the link.
   */
  path: string | null;
}

const keys = { graph: 'graph', flag: 'flag', query: 'query', variables: 'variables', headers: 'headers', path: 'path' } as const;

// Base64url of UTF-8 keeps multi-line queries readable by the URL parser and short enough.
function encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(text: string): string | null {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

export function toSearchParams(state: ShareState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.graph) p.set(keys.graph, state.graph);
  if (state.flag) p.set(keys.flag, state.flag);
  if (state.query) p.set(keys.query, encode(state.query));
  if (state.variables?.trim()) p.set(keys.variables, encode(state.variables));
  if (state.headers?.trim()) p.set(keys.headers, encode(state.headers));
  // Plain text: a path is one short line, and readable in the address bar.
  if (state.path?.trim()) p.set(keys.path, state.path.trim());
  return p;
}

export function fromSearchParams(p: URLSearchParams): ShareState {
  const dec = (k: string) => {
    const v = p.get(k);
    return v ? decode(v) : null;
  };
  return {
    graph: p.get(keys.graph),
    flag: p.get(keys.flag),
    query: dec(keys.query),
    variables: dec(keys.variables),
    headers: dec(keys.headers),
    path: p.get(keys.path)?.trim() || null,
  };
}

/** A link that opens a saved operation (its query, variables, headers and target) for any member. */
export function operationLink(origin: string, org: string, graph: string, operationId: string): string {
  const p = new URLSearchParams({ graph, operation: operationId });
  return `${origin}/o/${encodeURIComponent(org)}/playground?${p.toString()}`;
}
