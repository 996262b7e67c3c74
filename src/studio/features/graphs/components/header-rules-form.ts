import type { HeaderRule, HeaderRules, HeaderRulesInput } from '../../../../shared/header-rules.ts';

/**
 * The header-rules editor edits flat rows; the API takes Cosmo's nested shape. Rows keep
 * their scope (ALL or a subgraph name) and order, so a server or schema error at
 * `headers.subgraphs.products.request.1.rename` finds its row again.
 */
export const ALL = '';
export type RuleKind = 'named' | 'matching' | 'set';

export interface RuleRow {
  id: number;
  scope: string;
  kind: RuleKind;
  /** named: the header; matching: the pattern; set: the header */
  header: string;
  /** named/matching: rename to; set: the value */
  target: string;
  /** named/matching: the default value */
  fallback: string;
}

let nextId = 1;

export function newRow(scope: string, kind: RuleKind = 'named'): RuleRow {
  return { id: nextId++, scope, kind, header: '', target: '', fallback: '' };
}

export function rowsFromRules(rules: HeaderRules): RuleRow[] {
  const rows = rules.all.request.map((r) => rowFromRule(ALL, r));
  for (const [scope, { request }] of Object.entries(rules.subgraphs))
    rows.push(...request.map((r) => rowFromRule(scope, r)));
  return rows;
}

function rowFromRule(scope: string, rule: HeaderRule): RuleRow {
  if (rule.op === 'set') return { ...newRow(scope, 'set'), header: rule.name, target: rule.value };
  return {
    ...newRow(scope, rule.named !== undefined ? 'named' : 'matching'),
    header: rule.named ?? rule.matching ?? '',
    target: rule.rename ?? '',
    fallback: rule.default ?? '',
  };
}

export function rulesFromRows(rows: RuleRow[]): HeaderRulesInput {
  const all: unknown[] = [];
  const subgraphs: Record<string, { request: unknown[] }> = {};
  for (const row of rows) {
    const rule = ruleFromRow(row);
    if (row.scope === ALL) all.push(rule);
    else (subgraphs[row.scope] ??= { request: [] }).request.push(rule);
  }
  return { all: { request: all }, subgraphs } as HeaderRulesInput;
}

function ruleFromRow(row: RuleRow): Record<string, string> {
  const optional = (key: string, value: string) => (value.trim() ? { [key]: value.trim() } : {});
  if (row.kind === 'set') return { op: 'set', name: row.header.trim(), value: row.target };
  return {
    op: 'propagate',
    [row.kind]: row.header.trim(),
    ...optional('rename', row.target),
    ...(row.fallback ? { default: row.fallback } : {}),
  };
}

/** Field errors keyed `headers.all.request.2.named` (or without `headers.`) → message per row id. */
export function rowErrors(rows: RuleRow[], errors: Record<string, string>): Map<number, string> {
  const out = new Map<number, string>();
  for (const [key, message] of Object.entries(errors)) {
    const parts = key.split('.');
    if (parts[0] === 'headers') parts.shift();
    const scope = parts[0] === 'all' ? ALL : parts[0] === 'subgraphs' ? parts[1] : undefined;
    const index = Number(parts[0] === 'all' ? parts[2] : parts[3]);
    if (scope === undefined || !Number.isInteger(index)) continue;
    const row = rows.filter((r) => r.scope === scope)[index];
    const field = parts[parts[0] === 'all' ? 3 : 4];
    if (row && !out.has(row.id)) out.set(row.id, field ? `${fieldLabel(field)} ${message}` : message);
  }
  return out;
}

function fieldLabel(field: string): string {
  return field === 'named' || field === 'name' ? 'Header' : field === 'matching' ? 'Pattern' : field === 'rename' ? 'Rename' : field === 'default' ? 'Default' : field === 'value' ? 'Value' : field;
}

/** The scopes shown, in order: all subgraphs first, then each subgraph that has rules. */
export function scopesOf(rows: RuleRow[], extra: string[]): string[] {
  const named = new Set([...rows.map((r) => r.scope), ...extra]);
  named.delete(ALL);
  return [ALL, ...[...named].sort()];
}
