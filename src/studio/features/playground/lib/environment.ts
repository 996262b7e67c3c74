/**
 * Environment values for `{{name}}` templates. Personal values (some marked secret) live in
 * this browser only; shared values come from the control plane and are never secret. A
 * personal value overrides a shared one of the same name.
 */
export interface PersonalValue {
  value: string;
  /** Secret values are masked in the panel; like every personal value, they never leave the browser. */
  secret: boolean;
}
export type PersonalEnvironment = Record<string, PersonalValue>;

const TEMPLATE = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

export function resolveValues(shared: Record<string, string>, personal: PersonalEnvironment): Record<string, string> {
  const out: Record<string, string> = { ...shared };
  for (const [name, v] of Object.entries(personal)) out[name] = v.value;
  return out;
}

/** Replaces `{{name}}`; an unknown name is an error, since sending the literal braces never helps. */
export function substitute(text: string, values: Record<string, string>, where: string): string {
  return text.replace(TEMPLATE, (_m, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`The environment has no variable "${name}" (used in ${where}).`);
    return value;
  });
}

/** Substitutes inside every string of a JSON value (GraphQL variables), leaving its shape alone. */
export function substituteDeep(value: unknown, values: Record<string, string>, where: string): unknown {
  if (typeof value === 'string') return substitute(value, values, where);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, values, where));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, values, where)]));
  }
  return value;
}

/** Names a text refers to, for showing which values a request needs. */
export function referencedNames(text: string): string[] {
  return [...new Set([...text.matchAll(TEMPLATE)].map((m) => m[1]!))];
}

const storageKey = (org: string, graph: string) => `switchyard.playground.env.${org}.${graph}`;

export function loadPersonal(org: string, graph: string): PersonalEnvironment {
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(org, graph)) ?? '{}') as unknown;
    if (!raw || typeof raw !== 'object') return {};
    const out: PersonalEnvironment = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      if (v && typeof v === 'object' && typeof (v as PersonalValue).value === 'string') {
        out[k] = { value: (v as PersonalValue).value, secret: Boolean((v as PersonalValue).secret) };
      }
    }
    return out;
  } catch {
    return {};
  }
}

export function savePersonal(org: string, graph: string, env: PersonalEnvironment): void {
  localStorage.setItem(storageKey(org, graph), JSON.stringify(env));
}
