import { useState } from 'react';
import { ArrowRightLeft, Plus, X } from 'lucide-react';
import { updateHeaderRulesRequestSchema } from '../../../../shared/api/header-rules.ts';
import type { GraphDetail } from '../../../../shared/api/graphs.ts';
import { defaultHeaderRules, type HeaderRules } from '../../../../shared/header-rules.ts';
import { errorMessage, fieldErrors } from '@/lib/api-client';
import { cn } from '@/lib/utils';
import { validate } from '@/lib/form';
import { Section } from '@/components/layout/page-header';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Code, EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Spinner } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { useHeaderRules } from '../api/get-header-rules.ts';
import { useUpdateHeaderRules } from '../api/update-header-rules.ts';
import { ALL, newRow, rowErrors, rowsFromRules, rulesFromRows, scopesOf, type RuleKind, type RuleRow } from './header-rules-form.ts';

const KINDS: { value: RuleKind; label: string; description: string }[] = [
  { value: 'named', label: 'Propagate', description: 'Forward one client header' },
  { value: 'matching', label: 'Propagate matching', description: 'Forward every header matching a pattern' },
  { value: 'set', label: 'Set', description: 'Send a fixed value' },
];

/** One grid for the column names and every row: the header or pattern gets the most room. */
const COLUMNS = 'grid grid-cols-[10.5rem_minmax(0,1.5fr)_minmax(0,1fr)_minmax(0,1fr)_1.75rem] gap-1.5';

const DESCRIPTION =
  "Which client headers the graph's routers send on to its subgraphs, as in Cosmo's router.yaml. Feature flags use the same rules. Hop-by-hop headers, Content-Type, Accept and the router's own (X-Feature-Flag, X-Switchyard-*, the feature_flag cookie) are never sent.";

/** The graph settings' "Headers" section: the rules, edited as rows grouped by subgraph. */
export function HeaderRulesSection({ org, graph, disabled }: { org: string; graph: GraphDetail; disabled: boolean }) {
  const rules = useHeaderRules(org, graph.namespace, graph.name);
  return (
    <Section title="Headers" description={DESCRIPTION}>
      {rules.isPending ? (
        <Spinner />
      ) : rules.isError ? (
        <Alert variant="error">{errorMessage(rules.error)}</Alert>
      ) : (
        // Keyed by the stored rules so a save (or another tab's) resets the editor.
        <HeaderRulesEditor key={JSON.stringify(rules.data.headers)} org={org} graph={graph} rules={rules.data.headers} disabled={disabled} />
      )}
    </Section>
  );
}

function HeaderRulesEditor({ org, graph, rules, disabled }: { org: string; graph: GraphDetail; rules: HeaderRules; disabled: boolean }) {
  const [rows, setRows] = useState(() => rowsFromRules(rules));
  const [extraScopes, setExtraScopes] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateHeaderRules(org, graph.namespace, graph.name);
  const { toast } = useToast();

  const change = (id: number, patch: Partial<RuleRow>) => setRows((rs) => rs.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const remove = (id: number) => setRows((rs) => rs.filter((r) => r.id !== id));
  const add = (scope: string) => setRows((rs) => [...rs, newRow(scope)]);
  const save = (next: RuleRow[]) => {
    const checked = validate(updateHeaderRulesRequestSchema, { headers: rulesFromRows(next) });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    update.mutate(checked.data, {
      onSuccess: (result) =>
        toast({
          variant: 'success',
          title: 'Header rules saved',
          description: result.routerConfigChanged ? 'Routers are getting the new config.' : 'Routers get them with the first composition.',
        }),
      onError: (err) => setErrors(fieldErrors(err)),
    });
  };

  const scopes = scopesOf(rows, extraScopes);
  const unused = graph.subgraphs.map((s) => s.name).filter((n) => !scopes.includes(n));
  const messages = rowErrors(rows, errors);
  const dirty = JSON.stringify(rulesFromRows(rows)) !== JSON.stringify(rulesFromRows(rowsFromRules(rules)));

  // The empty state is for stored rules that forward nothing; removing the last row while
  // editing keeps the editor (and its Save button).
  if (rows.length === 0 && extraScopes.length === 0 && !dirty)
    return (
      <EmptyState
        icon={ArrowRightLeft}
        title="No client header reaches the subgraphs"
        description={<>Subgraphs that need a token answer as if none was sent. Add a rule, for example to propagate <Code>Authorization</Code>.</>}
        action={
          !disabled && (
            <div className="flex gap-2">
              <Button size="sm" onClick={() => add(ALL)}><Plus aria-hidden />Add a rule</Button>
              <Button size="sm" variant="outline" loading={update.isPending} onClick={() => save(rowsFromRules(defaultHeaderRules()))}>Propagate Authorization</Button>
            </div>
          )
        }
      />
    );

  return (
    <Card className="grid gap-4 p-4">
      {scopes.map((scope) => (
        <ScopeRules key={scope || '*'} scope={scope} rows={rows.filter((r) => r.scope === scope)} messages={messages} disabled={disabled} onChange={change} onRemove={remove} onAdd={() => add(scope)} />
      ))}
      {errors['form'] || errors['headers'] ? <Alert variant="error">{errors['form'] ?? errors['headers']}</Alert> : null}
      {update.isError && Object.keys(errors).length === 0 && <Alert variant="error">{errorMessage(update.error)}</Alert>}
      {!disabled && (
        <div className="flex items-center justify-between gap-2 border-t pt-3">
          {unused.length > 0 ? (
            <Select value="" onValueChange={(name) => { setExtraScopes((s) => [...s, name]); add(name); }}>
              <SelectTrigger size="sm" className="w-56" aria-label="Add rules for one subgraph"><SelectValue placeholder="Add rules for one subgraph…" /></SelectTrigger>
              <SelectContent>{unused.map((n) => <SelectItem key={n} value={n}>{n}</SelectItem>)}</SelectContent>
            </Select>
          ) : <span />}
          <div className="flex gap-2">
            {dirty && <Button size="sm" variant="ghost" onClick={() => { setRows(rowsFromRules(rules)); setExtraScopes([]); setErrors({}); }}>Discard</Button>}
            <Button size="sm" loading={update.isPending} disabled={!dirty} onClick={() => save(rows)}>Save rules</Button>
          </div>
        </div>
      )}
    </Card>
  );
}

interface ScopeProps {
  scope: string;
  rows: RuleRow[];
  messages: Map<number, string>;
  disabled: boolean;
  onChange: (id: number, patch: Partial<RuleRow>) => void;
  onRemove: (id: number) => void;
  onAdd: () => void;
}

function ScopeRules({ scope, rows, messages, disabled, onChange, onRemove, onAdd }: ScopeProps) {
  const title = scope === ALL ? 'All subgraphs' : `Subgraph ${scope}`;
  return (
    <div className="grid gap-1.5" role="group" aria-label={title}>
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-medium">
          {title}
          {scope !== ALL && <span className="ml-1.5 font-normal text-muted-foreground">after the rules for all</span>}
        </h3>
        {!disabled && <Button size="sm" variant="ghost" onClick={onAdd}><Plus aria-hidden />Rule</Button>}
      </div>
      {rows.length === 0 && <p className="text-xs text-muted-foreground">No rules.</p>}
      {rows.length > 0 && (
        // Column names carry what the placeholders cannot fit: which fields are optional.
        <div aria-hidden className={cn(COLUMNS, 'px-0.5 text-[11px] text-muted-foreground')}>
          <span>Operation</span>
          <span>Header or pattern</span>
          <span>Rename to, or value</span>
          <span>Default if absent</span>
        </div>
      )}
      {rows.map((row, i) => (
        <RuleLine key={row.id} row={row} label={`${title} rule ${i + 1}`} message={messages.get(row.id)} disabled={disabled} onChange={(patch) => onChange(row.id, patch)} onRemove={() => onRemove(row.id)} />
      ))}
    </div>
  );
}

function RuleLine({ row, label, message, disabled, onChange, onRemove }: { row: RuleRow; label: string; message: string | undefined; disabled: boolean; onChange: (patch: Partial<RuleRow>) => void; onRemove: () => void }) {
  const set = row.kind === 'set';
  const matching = row.kind === 'matching';
  const hintId = `header-rule-hint-${row.id}`;
  // Short placeholders that fit the columns; the longer explanation goes below the row.
  const input = (field: 'header' | 'target' | 'fallback', name: string, placeholder: string, mono = true) => (
    <Input
      aria-label={`${label} ${name}`}
      aria-describedby={matching && field === 'header' ? hintId : undefined}
      placeholder={placeholder}
      title={placeholder}
      value={row[field]}
      disabled={disabled}
      aria-invalid={message ? true : undefined}
      className={mono ? 'h-7 font-mono text-xs' : 'h-7 text-xs'}
      onChange={(e) => onChange({ [field]: e.target.value })}
    />
  );
  return (
    <div className="grid gap-1">
      <div className={cn(COLUMNS, 'items-center')}>
        <Select value={row.kind} disabled={disabled} onValueChange={(kind) => onChange({ kind: kind as RuleKind })}>
          <SelectTrigger size="sm" aria-label={`${label} operation`}><SelectValue /></SelectTrigger>
          <SelectContent>{KINDS.map((k) => <SelectItem key={k.value} value={k.value} description={k.description}>{k.label}</SelectItem>)}</SelectContent>
        </Select>
        {matching ? input('header', 'pattern', '(?i)^x-tenant-.*') : input('header', 'header name', set ? 'X-Api-Key' : 'Authorization')}
        {set ? input('target', 'value', 'value', false) : input('target', 'rename to', 'optional')}
        {set ? <span /> : input('fallback', 'default', 'optional', false)}
        {disabled ? <span /> : (
          <Button size="icon-sm" variant="ghost" aria-label={`Remove ${label}`} onClick={onRemove}><X aria-hidden /></Button>
        )}
      </div>
      {matching && (
        <p id={hintId} className="text-[11px] text-muted-foreground">
          A regular expression over header names, e.g. <Code>(?i)^x-tenant-.*</Code>; each match is forwarded, renamed when a name is given.
        </p>
      )}
      {message && <p className="text-xs text-destructive">{message}</p>}
    </div>
  );
}
