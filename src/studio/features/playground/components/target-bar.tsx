import type { Graph } from '../../../../shared/api/graphs.ts';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { CopyButton } from '@/components/ui/copy-button';
import { RunStatus } from './run-status.tsx';
import type { PlaygroundTarget } from '../api/get-playground-targets.ts';

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
  shareUrl: () => string;
}

export const graphKeyOf = (g: Pick<Graph, 'namespace' | 'name'>) => `${g.namespace}/${g.name}`;

/** Which graph and target the editor talks to, where the router is, and what answered last. */
export function TargetBar(props: TargetBarProps) {
  return (
    <div className="flex flex-wrap items-center gap-3 border-b px-4 py-2">
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        Graph
        <Select value={props.graphKey ?? undefined} onValueChange={props.onGraphChange}>
          <SelectTrigger size="sm" className="w-48" aria-label="Graph">
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
          <SelectTrigger size="sm" className="w-52" aria-label="Target" data-testid="target-select">
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
      {props.routerUrl ? (
        <span className="font-mono text-xs text-muted-foreground" title="The graph's staging router" data-testid="router-url">
          {props.routerUrl}
          {props.flag ? <span className="ml-1 text-foreground">· X-Feature-Flag: {props.flag}</span> : null}
        </span>
      ) : null}
      <div className="ml-auto flex items-center gap-3">
        <RunStatus />
        <CopyButton value={props.shareUrl} label="Copy share link" data-testid="share-link" />
      </div>
    </div>
  );
}
