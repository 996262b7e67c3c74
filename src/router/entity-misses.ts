import {
  GraphQLError,
  Kind,
  print,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';
import { flattenPathToString, plannedFetches, type PlannedNode } from '../shared/query-plan.ts';
import { normaliseOperation } from './query-plan.ts';
import type { CallInspector } from './subgraph-calls.ts';

/**
 * Entity misses: a subgraph answered `_entities` with null for a representation it was sent
 * (it does not know that key), and the client asked for a non-nullable field of that entity
 * from it. The engines report such a non-null violation as "Unexpected error." (JS planner) or
 * not at all (Rust planner); a staging router says which subgraph found nothing for which key,
 * and where the key came from.
 */
export interface EntityMiss {
  /** The subgraph that returned no entity. */
  subgraph: string;
  /** The entity type asked for. */
  typename: string;
  /** The representation sent, without `__typename` (usually the key fields). */
  representation: Record<string, unknown>;
  /** The non-nullable field that came back null because of the miss, e.g. `User.name`. */
  field: string;
  /** The subgraph whose answer held the representation, when the plan tells it. */
  from?: string;
}

export const ENTITY_NOT_FOUND = 'ENTITY_NOT_FOUND';

/**
 * The message of an entity miss, e.g.
 * `Cannot return null for non-nullable field User.name: accounts returned no User for {"id":"u9"}; the key came from reviews`.
 * Callers that know more about the origin (a mock plugin) append it to this message.
 */
export function describeEntityMiss(miss: EntityMiss): string {
  const base =
    `Cannot return null for non-nullable field ${miss.field}: ` +
    `${miss.subgraph} returned no ${miss.typename} for ${JSON.stringify(miss.representation)}`;
  return miss.from ? `${base}; the key came from ${miss.from}` : base;
}

/** The error for a miss, placed at `_entities.<index>` so the engine relocates it to the entity. */
export function entityMissError(miss: EntityMiss, index: number): GraphQLError {
  return new GraphQLError(describeEntityMiss(miss), {
    path: ['_entities', index],
    extensions: {
      code: ENTITY_NOT_FOUND,
      serviceName: miss.subgraph,
      typename: miss.typename,
      representation: miss.representation,
    },
  });
}

type Result = { data?: Record<string, unknown> | null; errors?: readonly unknown[] };

/** A miss found during the operation, with the subgraph operation that met it. */
export interface PendingMiss {
  miss: EntityMiss;
  operation: string;
}

/**
 * The misses in one `_entities` answer: null entities with no error of their own whose selection
 * holds a non-nullable field. Entities whose fields are all nullable stay silent, as in every
 * federation router: the parent keeps its other fields.
 */
export function findEntityMisses(
  subgraph: string,
  request: { document: DocumentNode; variables?: Record<string, unknown> },
  result: Result,
  schema: GraphQLSchema | undefined,
): { index: number; miss: EntityMiss }[] {
  const representations = request.variables?.['representations'];
  const entities = result.data?.['_entities'];
  if (!Array.isArray(representations) || !Array.isArray(entities) || !entities.includes(null)) return [];
  const erred = new Set<number>();
  for (const e of result.errors ?? []) {
    const path = (e as { path?: readonly (string | number)[] }).path;
    if (path?.[0] === '_entities' && typeof path[1] === 'number') erred.add(path[1]);
  }
  const out: { index: number; miss: EntityMiss }[] = [];
  entities.forEach((entity, index) => {
    const rep = representations[index] as Record<string, unknown> | undefined;
    if (entity !== null || erred.has(index) || !rep || typeof rep['__typename'] !== 'string') return;
    const typename = rep['__typename'];
    const field = firstNonNullField(request.document, typename, schema);
    if (!field) return;
    const { __typename: _t, ...representation } = rep;
    out.push({ index, miss: { subgraph, typename, representation, field: `${typename}.${field}` } });
  });
  return out;
}

const nonNullCache = new WeakMap<DocumentNode, Map<string, string | null>>();

/** The first non-nullable field the fetch selects on `typename` (in the subgraph's schema). */
function firstNonNullField(document: DocumentNode, typename: string, schema: GraphQLSchema | undefined) {
  let byType = nonNullCache.get(document);
  if (!byType) nonNullCache.set(document, (byType = new Map()));
  if (byType.has(typename)) return byType.get(typename)!;
  // Duck-typed, not isObjectType/isNonNullType: the engine's schema may come from another copy
  // of graphql-js (ESM and CJS side by side), and those checks throw across copies.
  const type = schema?.getType(typename) as { getFields?: () => Record<string, { type: unknown }> } | undefined;
  let found: string | null = null;
  if (typeof type?.getFields === 'function' && !isAbstract(type)) {
    const fields = type.getFields();
    const visit = (set: SelectionSetNode | undefined, depth: number): void => {
      for (const sel of set?.selections ?? []) {
        if (found) return;
        if (sel.kind === Kind.FIELD && depth > 0 && sel.name.value !== '__typename') {
          const f = fields[sel.name.value];
          if (f && String(f.type).endsWith('!')) found = sel.name.value;
        } else if (sel.kind === Kind.FIELD && sel.name.value === '_entities') {
          visit(sel.selectionSet, 1);
        } else if (sel.kind === Kind.INLINE_FRAGMENT && depth > 0) {
          const on = sel.typeCondition?.name.value;
          if (!on || on === typename || isAbstract(schema?.getType(on))) visit(sel.selectionSet, depth);
        }
      }
    };
    for (const def of document.definitions) if (def.kind === Kind.OPERATION_DEFINITION) visit(def.selectionSet, 0);
  }
  byType.set(typename, found);
  return found;
}

const isAbstract = (type: unknown) => typeof type === 'object' && type !== null && 'resolveType' in type;

/**
 * Which subgraph produced the parent objects of a Flatten fetch: the fetch that ran before it
 * whose own path is the longest proper prefix of its path (the root fetch has the empty path).
 */
export function originOf(plan: PlannedNode, subgraph: string, operation: string): string | undefined {
  const fetches = plannedFetches(plan).map((f) => ({ ...f, key: flattenPathToString(f.path).join('/') }));
  const wanted = normaliseOperation(operation);
  const at = fetches.findIndex((f) => f.serviceName === subgraph && normaliseOperation(f.operation) === wanted);
  if (at < 0) return undefined;
  const path = fetches[at]!.key;
  let best: { service: string; length: number } | undefined;
  for (const f of fetches.slice(0, at)) {
    const prefix = f.key === '' || path.startsWith(`${f.key}/`);
    if (prefix && f.key !== path && f.key.length >= (best?.length ?? -1))
      best = { service: f.serviceName, length: f.key.length };
  }
  return best?.service;
}

/**
 * The errors of a finished operation, with its entity misses explained. The Rust planner keeps
 * the miss errors this plugin added (relocated to the entity's path); they learn where the key
 * came from. The JS planner drops them and reports graphql-js's bare
 * "Cannot return null for non-nullable field User.name."; those take the misses of that field
 * in order (the executor reports them in response order, as the representations were sent).
 */
function explainMisses(
  errors: readonly GraphQLError[],
  misses: readonly PendingMiss[],
  plan: PlannedNode | null,
): GraphQLError[] {
  const unused = [...misses];
  return errors.map((e) => {
    if (e.extensions?.['code'] === ENTITY_NOT_FOUND) {
      const entry = plan && misses.find((m) => describeEntityMiss(m.miss) === e.message);
      const from = entry && originOf(plan, entry.miss.subgraph, entry.operation);
      return from
        ? new GraphQLError(describeEntityMiss({ ...entry.miss, from }), { path: e.path, extensions: e.extensions })
        : e;
    }
    const at = unused.findIndex((m) => e.message === `Cannot return null for non-nullable field ${m.miss.field}.`);
    if (at < 0) return e;
    const miss = unused.splice(at, 1)[0]!.miss;
    const { extensions } = entityMissError(miss, 0);
    return new GraphQLError(describeEntityMiss(miss), { path: e.path, extensions });
  });
}

/** The misses met so far, by GraphQL context (one per client request). */
const pending = new WeakMap<object, PendingMiss[]>();

/**
 * Adds a miss error to each `_entities` answer that has one, and keeps the miss for
 * explainEntityMisses to say more once the operation is done.
 */
export const entityMissCalls: CallInspector = ({ subgraphName, request, schema }) => {
  if (!Array.isArray(request.variables?.['representations'])) return;
  return (result) => {
    const misses = findEntityMisses(subgraphName, request, result, schema());
    if (!misses.length) return;
    const context = request.context as object | undefined;
    if (context) {
      const operation = print(request.document);
      const list = pending.get(context) ?? [];
      for (const m of misses) list.push({ miss: m.miss, operation });
      pending.set(context, list);
    }
    return { ...result, errors: [...(result.errors ?? []), ...misses.map((m) => entityMissError(m.miss, m.index))] };
  };
};

/**
 * The operation's errors with its entity misses explained. With a plan (Rust planner), the
 * errors that reach the client learn where the key came from.
 */
export function explainEntityMisses(
  context: object,
  plan: () => PlannedNode | null,
  result: ExecutionResult,
): ExecutionResult {
  const misses = pending.get(context);
  if (!misses || !result.errors?.length) return result;
  return { ...result, errors: explainMisses(result.errors, misses, plan()) };
}
