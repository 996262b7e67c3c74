import {
  buildSchema,
  getNamedType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type DocumentNode,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/**
 * Key pools: keys a mock hands out for entities another (real) subgraph resolves, so the
 * router's join with that subgraph finds them. See docs/decisions/0010-mock-key-pools.md.
 */
type Obj = Record<string, unknown>;

export interface KeyTarget {
  type: string;
  /** the key's field set, e.g. "id" or "id org { id }" */
  key: string;
  /** the subgraph that resolves it */
  resolvedBy: string;
}

/** Where a pool came from, in the order tried: a person, the router's traffic, a sample query. */
export type KeyPoolSource = 'mocks.json' | 'observed' | 'sampled';

export interface KeyPoolInfo extends KeyTarget {
  source: KeyPoolSource;
  count: number;
}

/** The pool size: enough variety for lists, small enough to read in the dialog. */
export const MAX_POOL = 20;

/**
 * Entity types of the mock's schema that another subgraph resolves by a key the mock has
 * too. Entities only the mock defines keep their generated keys.
 */
export function keyTargets(mockSdl: string, others: { name: string; sdl: string }[]): KeyTarget[] {
  const mine = resolvableKeys(parse(mockSdl), { resolvableOnly: false });
  const out: KeyTarget[] = [];
  for (const [type, keys] of mine) {
    for (const other of others) {
      let theirs: Map<string, string[]>;
      try {
        theirs = resolvableKeys(parse(other.sdl), { resolvableOnly: true });
      } catch {
        continue; // an unparsable schema resolves nothing; composition reports it
      }
      const shared = theirs.get(type)?.find((k) => keys.includes(k));
      if (shared) {
        out.push({ type, key: shared, resolvedBy: other.name });
        break;
      }
    }
  }
  return out.sort((a, b) => a.type.localeCompare(b.type));
}

function resolvableKeys(doc: DocumentNode, opts: { resolvableOnly: boolean }): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'key') continue;
      const fields = d.arguments?.find((a) => a.name.value === 'fields')?.value;
      const resolvable = d.arguments?.find((a) => a.name.value === 'resolvable')?.value;
      if (!fields || fields.kind !== Kind.STRING) continue;
      if (opts.resolvableOnly && resolvable?.kind === Kind.BOOLEAN && !resolvable.value) continue;
      const list = out.get(def.name.value) ?? [];
      list.push(normalizeFieldSet(fields.value));
      out.set(def.name.value, list);
    }
  }
  return out;
}

const normalizeFieldSet = (s: string) => s.replace(/[\s,]+/g, ' ').replace(/\s*([{}])\s*/g, ' $1 ').trim();

/** Whether mocks.json already gives this type a pool (an explicit pool always wins). */
export function hasPool(mocks: Obj, target: KeyTarget): boolean {
  const typeMocks = mocks[target.type];
  if (!typeMocks || typeof typeMocks !== 'object') return false;
  const t = typeMocks as Obj;
  if (Array.isArray(t['$keys'])) return true;
  const fields = target.key.split(' ');
  return fields.length === 1 && Array.isArray(t[fields[0]!]);
}

/**
 * mocks.json with a pool added for each target it has none for. A single scalar key is
 * written the short way (`"User": {"id": ["1", "2"]}`), anything else as `$keys`.
 */
export function withPools(mocks: Obj, pools: Map<string, Obj[]>, targets: KeyTarget[]): Obj {
  const out: Obj = { ...mocks };
  for (const target of targets) {
    const keys = pools.get(target.type);
    if (!keys?.length || hasPool(out, target)) continue;
    const typeMocks = { ...((out[target.type] as Obj | undefined) ?? {}) };
    const fields = target.key.split(' ');
    const single = fields.length === 1 && keys.every((k) => typeof k[fields[0]!] !== 'object');
    if (single) typeMocks[fields[0]!] = keys.map((k) => k[fields[0]!]);
    else typeMocks['$keys'] = keys;
    out[target.type] = typeMocks;
  }
  return out;
}

/**
 * Samples key values of each target type from the base graph: one query through its
 * router, following fields that take no required arguments from Query to the type (the
 * shortest few paths), selecting the key. Whatever fails (the router is down, a field
 * errors) just samples fewer keys: pools are a help, never a reason to refuse a swap.
 */
export async function sampleKeys(
  routerUrl: string,
  clientSchemaSdl: string,
  targets: KeyTarget[],
  opts: { timeoutMs?: number; fetch?: typeof fetch } = {},
): Promise<Map<string, Obj[]>> {
  const out = new Map<string, Obj[]>();
  if (!targets.length) return out;
  let schema: GraphQLSchema;
  try {
    schema = buildSchema(clientSchemaSdl);
  } catch {
    return out;
  }
  const selections: string[] = [];
  const paths = new Map<string, { type: string; path: string[]; key: string }>();
  for (const target of targets) {
    const type = schema.getType(target.type);
    if (!isObjectType(type)) continue;
    for (const path of pathsTo(schema, type)) {
      const alias = `k${paths.size}`;
      paths.set(alias, { type: target.type, path, key: target.key });
      selections.push(`${alias}: ${path.reduceRight((inner, f) => `${f} { ${inner} }`, target.key)}`);
    }
  }
  if (!selections.length) return out;
  const query = `query SwitchyardKeySample { ${selections.join(' ')} }`;
  let data: Obj | null = null;
  try {
    const res = await (opts.fetch ?? fetch)(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 3000),
    });
    const body = (await res.json()) as { data?: Obj | null };
    data = body.data ?? null;
  } catch {
    return out;
  }
  if (!data) return out;
  for (const [alias, { type, path, key }] of paths) {
    const seen = new Map((out.get(type) ?? []).map((k) => [JSON.stringify(k), k]));
    for (const found of collect(data[alias], path.slice(1))) {
      if (seen.size >= MAX_POOL) break;
      const k = pickKey(found, key);
      if (k) seen.set(JSON.stringify(k), k);
    }
    if (seen.size) out.set(type, [...seen.values()]);
  }
  return out;
}

/** Up to three shortest paths of argument-free fields from Query to `target`. */
function pathsTo(schema: GraphQLSchema, target: GraphQLObjectType, maxDepth = 4): string[][] {
  const query = schema.getQueryType();
  if (!query) return [];
  const found: string[][] = [];
  const visited = new Set<string>([query.name]);
  let frontier: { type: GraphQLObjectType; path: string[] }[] = [{ type: query, path: [] }];
  for (let depth = 0; depth < maxDepth && frontier.length && found.length < 3; depth++) {
    const next: typeof frontier = [];
    for (const { type, path } of frontier) {
      for (const field of Object.values(type.getFields())) {
        if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
        const named = getNamedType(field.type);
        if (!isObjectType(named)) continue;
        const p = [...path, field.name];
        if (named.name === target.name) {
          if (found.length < 3) found.push(p);
        } else if (!visited.has(named.name)) {
          visited.add(named.name);
          next.push({ type: named, path: p });
        }
      }
    }
    frontier = next;
  }
  return found;
}

function* collect(value: unknown, rest: string[]): Generator<Obj> {
  if (Array.isArray(value)) {
    for (const v of value) yield* collect(v, rest);
    return;
  }
  if (!value || typeof value !== 'object') return;
  if (!rest.length) {
    yield value as Obj;
    return;
  }
  yield* collect((value as Obj)[rest[0]!], rest.slice(1));
}

/**
 * Keys of a type as the staging router saw them resolved (their representations, which may
 * carry @requires fields too), cut to the target's key fields; at most MAX_POOL.
 */
export function observedPool(representations: Obj[], target: KeyTarget): Obj[] {
  const seen = new Map<string, Obj>();
  for (const rep of representations) {
    if (seen.size >= MAX_POOL) break;
    const k = pickKey(rep, target.key);
    if (k) seen.set(JSON.stringify(k), k);
  }
  return [...seen.values()];
}

/** The key's fields of an object, or null when one is missing. */
function pickKey(value: Obj, key: string): Obj | null {
  const doc = parse(`{ ${key} }`);
  const op = doc.definitions[0];
  if (op?.kind !== Kind.OPERATION_DEFINITION) return null;
  const pick = (obj: unknown, set: typeof op.selectionSet): Obj | null => {
    if (!obj || typeof obj !== 'object') return null;
    const out: Obj = {};
    for (const sel of set.selections) {
      if (sel.kind !== Kind.FIELD) return null;
      const v = (obj as Obj)[sel.name.value];
      if (v === undefined || v === null) return null;
      if (sel.selectionSet) {
        const inner = pick(v, sel.selectionSet);
        if (!inner) return null;
        out[sel.name.value] = inner;
      } else out[sel.name.value] = v;
    }
    return out;
  };
  return pick(value, op.selectionSet);
}
