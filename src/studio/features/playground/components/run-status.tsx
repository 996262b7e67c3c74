import { usePlaygroundRun } from './playground-provider.tsx';

/**
 * Says which graph or flag answered the last request, straight from the router's
 * X-Switchyard-Served-By header, and flags any mismatch with what was asked for.
 */
export function RunStatus() {
  const { running, last } = usePlaygroundRun();
  if (running) return <span className="text-xs opacity-70" data-testid="run-status">Running…</span>;
  if (!last) return <span className="text-xs opacity-60" data-testid="run-status">Not run yet</span>;
  if (last.stopped) {
    return (
      <span className="rounded bg-red-500/15 px-1.5 py-0.5 text-xs font-medium text-red-700 dark:text-red-300" data-testid="run-status" title={last.stopped}>
        not sent
      </span>
    );
  }
  const mismatch = last.servedBy !== null && last.servedBy !== last.requestedTarget;
  const tone = last.networkError || mismatch || last.status >= 400
    ? 'bg-red-500/15 text-red-700 dark:text-red-300'
    : 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300';
  return (
    <span className="flex items-center gap-2 text-xs" data-testid="run-status">
      <span className={`rounded px-1.5 py-0.5 font-medium ${tone}`} data-testid="served-by">
        {last.networkError ? 'router unreachable' : `served by ${last.servedBy ?? 'unknown'}`}
      </span>
      {mismatch ? <span className="text-red-600 dark:text-red-400">asked for {last.requestedTarget}</span> : null}
      {last.status ? <span className="opacity-70">HTTP {last.status}</span> : null}
      <span className="opacity-70" data-testid="response-time">{Math.round(last.durationMs)} ms</span>
      {last.configHash ? <span className="font-mono opacity-60" title={last.configHash}>config {last.configHash.slice(0, 8)}</span> : null}
    </span>
  );
}
