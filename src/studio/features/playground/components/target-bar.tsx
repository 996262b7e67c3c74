import { useState } from 'react';
import type { Graph } from '../../../../shared/api/graphs.ts';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { CopyButton } from '@/components/ui/copy-button';
import { RunStatus } from './run-status.tsx';
import type { PlaygroundTarget } from '../api/get-playground-targets.ts';
import { referencedNames, resolveValues } from '../lib/environment.ts';
import { usePlaygroundSession, useSessionActions, useSessionStore } from './playground-provider.tsx';

const BASE = '__base__';

export interface TargetBarProps {
  graphs: Graph[];
  graphKey: string | null;
  onGraphChange: (key: string) => void;
  targets: PlaygroundTarget[];
  flag: string | null;
  onFlagChange: (flag: string | null) => void;
  routerUrl: string | null;
  /** Called at click time: the editors change without re-rendering this bar. */
  shareUrl: (endpointPath: string | null) => string;
}

export const graphKeyOf = (g: Pick<Graph, 'namespace' | 'name'>) => `${g.namespace}/${g.name}`;

/** Which graph and target the editor talks to, where the router is, and what answered last. */
export function TargetBar(props: TargetBarProps) {
  const session = useSessionStore();
  return (
    <div className="flex flex-wrap items-center gap-3 border-b px-4 py-2">
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        Graph
        <Select value={props.graphKey ?? undefined} onValueChange={props.onGraphChange}>
          <SelectTrigger size="sm" className="w-40" aria-label="Graph">
            <SelectValue placeholder="Choose a graph" />
          </SelectTrigger>
          <SelectContent>
            {props.graphs.map((g) => (
              <SelectItem key={graphKeyOf(g)} value={graphKeyOf(g)}>
                {g.namespace === 'default' ? g.name : graphKeyOf(g)}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </label>
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        Target
        <Select value={props.flag ?? BASE} onValueChange={(v) => props.onFlagChange(v === BASE ? null : v)}>
          <SelectTrigger size="sm" className="w-44" aria-label="Target" data-testid="target-select">
            <SelectValue />
          </SelectTrigger>
          <SelectContent>
            {props.targets.map((t) => (
              <SelectItem
                key={t.flag ?? BASE}
                value={t.flag ?? BASE}
                disabled={!t.available}
                description={t.description}
              >
                {t.label}
              </SelectItem>
            ))}
          </SelectContent>
        </Select>
      </label>
      {props.routerUrl ? <Endpoint routerUrl={props.routerUrl} flag={props.flag} /> : null}
      <div className="ml-auto flex items-center gap-3">
        <RunStatus />
        <CopyButton value={() => props.shareUrl(session.getState().endpointPath)} label="Copy share link" data-testid="share-link" />
      </div>
    </div>
  );
}

function splitUrl(url: string): { origin: string; path: string } {
  try {
    const u = new URL(url);
    return { origin: u.origin, path: `${u.pathname}${u.search}` };
  } catch {
    return { origin: url, path: '' };
  }
}

/**
 * The router's origin and an editable path, for routers behind a path prefix or a tenant in
 * the query string. `{{name}}` is filled from the environment when a request is sent.
 */
function Endpoint({ routerUrl, flag }: { routerUrl: string; flag: string | null }) {
  const session = usePlaygroundSession();
  const actions = useSessionActions();
  const { origin, path: routerPath } = splitUrl(routerUrl);
  // Local text so a trailing space or a half-typed `{{` survives; the store keeps it trimmed.
  // When the store holds something else (another graph, a share link), the store wins.
  const [typed, setTyped] = useState(session.endpointPath ?? '');
  const text = typed.trim() === (session.endpointPath ?? '') ? typed : (session.endpointPath ?? '');
  const values = resolveValues(session.shared, session.personal);
  const missing = referencedNames(text).filter((name) => values[name] === undefined);
  return (
    <div className="flex min-w-72 flex-1 items-center gap-2 text-xs text-muted-foreground">
      <span className="shrink-0 font-mono" title="The graph's staging router" data-testid="router-url">
        {origin}
      </span>
      <Input
        aria-label="Endpoint path"
        data-testid="endpoint-path"
        className="h-7 min-w-32 max-w-96 flex-1 font-mono text-xs"
        placeholder={routerPath || '/graphql'}
        value={text}
        spellCheck={false}
        aria-invalid={missing.length > 0 || undefined}
        title={
          missing.length > 0
            ? `No environment value for ${missing.map((n) => `{{${n}}}`).join(', ')}: add it in the Environment panel, or a request stops.`
            : 'Replaces the router URL\'s path and query; {{name}} takes a value from the environment.'
        }
        onChange={(e) => {
          setTyped(e.target.value);
          actions.setEndpointPath(e.target.value);
        }}
      />
      {flag ? <span className="text-foreground">· X-Feature-Flag: {flag}</span> : null}
    </div>
  );
}
