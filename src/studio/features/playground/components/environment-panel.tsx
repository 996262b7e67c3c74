import { useState } from 'react';
import { Lock, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { errorMessage } from '@/lib/api-client';
import { usePlaygroundSettings, useUpdatePlaygroundSettings } from '../api/playground-settings.ts';
import { usePlaygroundPage, usePlaygroundSession, useSessionActions } from './playground-provider.tsx';

/** Personal values (this browser only, some secret) and the graph's shared, non-secret values. */
export function EnvironmentPanel() {
  return (
    <div className="space-y-5 p-3 text-sm" data-testid="environment-panel">
      <p className="text-xs text-muted-foreground">
        Use <code className="font-mono">{'{{name}}'}</code> in headers, variables and the endpoint path. A personal value wins over a shared one.
      </p>
      <PersonalValues />
      <SharedValues />
    </div>
  );
}

function PersonalValues() {
  const { personal } = usePlaygroundSession();
  const actions = useSessionActions();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [secret, setSecret] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const add = () => {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(name)) return setError('A name starts with a letter or "_" and has only letters, digits, "_", "-" and "."');
    actions.setPersonalValue(name, value, secret);
    setName('');
    setValue('');
    setError(null);
  };
  return (
    <section>
      <h3 className="mb-1 font-semibold">Personal values</h3>
      <p className="mb-2 text-xs text-muted-foreground">Stored in this browser only; never sent to Switchyard or put in share links.</p>
      <ul className="mb-2 space-y-1" data-testid="personal-values">
        {Object.entries(personal).map(([n, v]) => (
          <li key={n} className="flex items-center gap-2 font-mono text-xs" data-testid="personal-value">
            <span className="font-semibold">{n}</span>
            <span className="truncate opacity-70">{v.secret ? '••••••••' : v.value}</span>
            {v.secret ? (
              <span className="inline-flex items-center gap-1 rounded bg-amber-500/15 px-1 text-amber-700 dark:text-amber-300" title="Secret: masked here, and only ever kept in this browser">
                <Lock size={11} aria-hidden /> secret
              </span>
            ) : null}
            <button type="button" className="ml-auto opacity-60 hover:opacity-100" aria-label={`Remove ${n}`} onClick={() => actions.removePersonalValue(n)}>
              <Trash2 size={13} aria-hidden />
            </button>
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap items-center gap-2">
        <Input className="w-28" aria-label="Personal variable name" placeholder="name" value={name} onChange={(e) => setName(e.target.value)} />
        <Input className="w-40" aria-label="Personal variable value" placeholder="value" type={secret ? 'password' : 'text'} value={value} onChange={(e) => setValue(e.target.value)} />
        <label className="flex items-center gap-1 text-xs">
          <input type="checkbox" checked={secret} onChange={(e) => setSecret(e.target.checked)} /> Secret
        </label>
        <Button size="sm" variant="outline" onClick={add} disabled={!name}>
          Add
        </Button>
      </div>
      {error ? <p className="mt-1 text-xs text-destructive">{error}</p> : null}
    </section>
  );
}

const toText = (vars: Record<string, string>) => Object.entries(vars).map(([k, v]) => `${k}=${v}`).join('\n');

function parseShared(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const at = line.indexOf('=');
    if (at < 1) throw new Error(`"${line}" is not name=value`);
    out[line.slice(0, at).trim()] = line.slice(at + 1);
  }
  return out;
}

function SharedValues() {
  const page = usePlaygroundPage();
  const settings = usePlaygroundSettings(page.graph);
  const update = useUpdatePlaygroundSettings(page.graph).environment;
  const shared = settings.data?.environment.variables;
  const [edited, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = edited ?? toText(shared ?? {});
  const save = () => {
    try {
      setError(null);
      update.mutate(parseShared(text), { onSuccess: () => setText(null), onError: (e) => setError(errorMessage(e)) });
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <section>
      <h3 className="mb-1 font-semibold">Shared with the graph's members</h3>
      <p className="mb-2 text-xs text-muted-foreground">
        Non-secret values, one <code className="font-mono">name=value</code> a line. {page.canEdit ? 'Developers edit them.' : 'Only developers can change them.'}
      </p>
      <textarea
        className="h-24 w-full rounded-md border bg-background p-2 font-mono text-xs"
        aria-label="Shared values"
        value={text}
        readOnly={!page.canEdit}
        onChange={(e) => setText(e.target.value)}
      />
      {page.canEdit ? (
        <Button size="sm" variant="outline" onClick={save} loading={update.isPending}>
          Save shared values
        </Button>
      ) : null}
      {error ? <p className="mt-1 text-xs text-destructive" role="alert">{error}</p> : null}
      {settings.data?.environment.updatedBy ? (
        <p className="mt-1 text-xs text-muted-foreground">Last changed by {settings.data.environment.updatedBy}</p>
      ) : null}
    </section>
  );
}
