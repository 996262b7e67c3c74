import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/api-client';
import { usePlaygroundSettings, useUpdatePlaygroundSettings } from '../api/playground-settings.ts';
import { PREFLIGHT_TIMEOUT_MS } from '../lib/preflight.ts';
import { usePlaygroundPage, usePlaygroundSession, useSessionActions } from './playground-provider.tsx';

const API_HELP = `lab.environment.get(name) / .set(name, value)
lab.request.headers.set(name, value)
await lab.fetch(url, init)   // never sends cookies
lab.crypto.randomUUID(), await lab.crypto.sha256(text),
await lab.crypto.hmacSha256(key, text), lab.crypto.base64(text)
console.log(...)`;

/** The graph's preflight script: run in a sandboxed worker before every request. */
export function PreflightPanel() {
  const page = usePlaygroundPage();
  const settings = usePlaygroundSettings(page.graph);
  const update = useUpdatePlaygroundSettings(page.graph).preflight;
  const session = usePlaygroundSession();
  const actions = useSessionActions();
  const stored = settings.data?.preflight.script;
  // null until the person edits: then the stored script shows as soon as it loads.
  const [edited, setScript] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const script = edited ?? stored ?? '';
  const dirty = script !== (stored ?? '');

  return (
    <div className="space-y-3 p-3 text-sm" data-testid="preflight-panel">
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          checked={session.preflightEnabled}
          onChange={(e) => actions.setPreflightEnabled(e.target.checked)}
          aria-label="Run the preflight script before each request"
        />
        Run before each request <span className="text-xs text-muted-foreground">(your choice, in this browser)</span>
      </label>
      <p className="text-xs text-muted-foreground">
        JavaScript in a sandboxed worker: no page, no cookies, no storage; stopped after {PREFLIGHT_TIMEOUT_MS / 1000} s. If it throws, the request is not sent.
      </p>
      <textarea
        className="h-40 w-full rounded-md border bg-background p-2 font-mono text-xs"
        aria-label="Preflight script"
        spellCheck={false}
        placeholder={page.canEdit ? "const res = await lab.fetch('https://…/token');\nlab.request.headers.set('Authorization', 'Bearer ' + (await res.json()).token);" : 'This graph has no preflight script.'}
        value={script}
        readOnly={!page.canEdit}
        onChange={(e) => setScript(e.target.value)}
      />
      {page.canEdit ? (
        <Button
          size="sm"
          variant="outline"
          disabled={!dirty}
          loading={update.isPending}
          onClick={() => {
            setError(null);
            update.mutate(script, { onSuccess: () => setScript(null), onError: (e) => setError(errorMessage(e)) });
          }}
        >
          Save script
        </Button>
      ) : null}
      {error ? <p className="text-xs text-destructive" role="alert">{error}</p> : null}
      <details className="text-xs">
        <summary className="cursor-pointer text-muted-foreground">Script API</summary>
        <pre className="mt-1 whitespace-pre-wrap font-mono text-[11px]">{API_HELP}</pre>
      </details>
      <section>
        <h3 className="mb-1 font-semibold">Console</h3>
        {session.preflight && !session.preflight.ok ? (
          <p className="mb-1 rounded bg-red-500/10 p-2 text-xs text-red-700 dark:text-red-300" role="alert" data-testid="preflight-error">
            {session.preflight.message}
          </p>
        ) : null}
        {session.preflight?.ok ? <p className="mb-1 text-xs text-emerald-700 dark:text-emerald-300">Last run finished.</p> : null}
        <pre className="max-h-48 overflow-auto rounded border bg-black/[0.03] p-2 font-mono text-[11px] dark:bg-white/[0.04]" data-testid="preflight-console">
          {session.logs.length === 0 ? <span className="opacity-60">No output yet.</span> : session.logs.map((l, i) => (
            <div key={i} className={l.level === 'error' ? 'text-red-600' : l.level === 'warn' ? 'text-amber-600' : undefined}>
              {l.text}
            </div>
          ))}
        </pre>
      </section>
    </div>
  );
}
