import {
  isAbstractType,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';
import { stableKey } from '../transport/batcher.ts';
import { mockScalar, pickIndex } from './faker-values.ts';
import type { MocksFile, TypeMocks } from './mocks-file.ts';

/**
 * GraphQL-shaped mock values for any schema. Entities are generated from their key:
 * an entity that appears in a list and the same entity looked up by its key later
 * have the same fields, so federation joins see one consistent object.
 */
type Obj = Record<string, unknown>;

export interface ValueContext {
  parent: string;
  field: string;
  seed: string;
  depth: number;
  /** values the result must have (an entity's requested keys, arguments echoed back) */
  fixed?: Obj | undefined;
  /** a `first`/`limit` argument sizes the list */
  listLength?: number | undefined;
}

export class MockData {
  private readonly defaultLength: number;
  private readonly maxDepth: number;
  private readonly seedPrefix: string;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly mocks: MocksFile,
    /** the fields of a type's first @key, null for non-entities */
    private readonly keyFieldsOf: (typeName: string) => string[] | null,
  ) {
    this.defaultLength = mocks.$listLength ?? 3;
    this.maxDepth = mocks.$maxDepth ?? 3;
    this.seedPrefix = mocks.$seed === undefined ? '' : `${String(mocks.$seed)}:`;
  }

  /** A field's value, with mocks.json's override for it merged in. */
  field(
    parent: string,
    def: GraphQLField<unknown, unknown>,
    ctx: Omit<ValueContext, 'parent' | 'field'>,
  ): unknown {
    const override = this.override(parent, def.name);
    const full: ValueContext = { ...ctx, parent, field: def.name, seed: this.seedPrefix + ctx.seed };
    return this.value(def.type, full, override);
  }

  value(type: GraphQLOutputType, ctx: ValueContext, override?: unknown): unknown {
    if (isNonNullType(type)) return this.value(type.ofType, ctx, override);
    if (override !== undefined && !isComposite(override)) return override;
    if (isListType(type)) {
      const overrides = Array.isArray(override) ? override : undefined;
      const length = overrides?.length ?? ctx.listLength ?? this.listLength(ctx.parent, ctx.field);
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) {
        items.push(
          this.value(
            type.ofType,
            { ...ctx, seed: `${ctx.seed}[${i}]`, listLength: undefined },
            overrides?.[i],
          ),
        );
      }
      return items;
    }
    if (isEnumType(type)) {
      const values = type.getValues();
      return values[pickIndex(values.length, ctx.seed)]?.name ?? null;
    }
    if (isScalarType(type)) return mockScalar(type.name, ctx.field, ctx.parent, ctx.seed);
    let concrete: GraphQLObjectType | undefined;
    if (isAbstractType(type)) {
      const possible = this.schema.getPossibleTypes(type);
      const wanted = isPlainObject(override) ? override['__typename'] : undefined;
      concrete =
        possible.find((t) => t.name === wanted) ?? possible[pickIndex(possible.length, `${ctx.seed}#type`)];
    } else if (isObjectType(type)) {
      concrete = type;
    }
    if (!concrete) return null;
    const generated = this.object(concrete, ctx.seed, ctx.depth + 1, ctx.fixed);
    return isPlainObject(override) ? { ...generated, ...override, __typename: concrete.name } : generated;
  }

  object(type: GraphQLObjectType, seed: string, depth: number, fixed?: Obj): Obj {
    const out: Obj = { __typename: type.name };
    const fields = type.getFields();
    const keyFields = this.keyFieldsOf(type.name);
    let objectSeed = seed;
    if (keyFields) {
      // Keys first; every other field then follows from the key values alone. A key pool
      // (keys another subgraph knows) is used unless the keys were asked for.
      const pooled = keyFields.some((k) => fixed?.[k] !== undefined) ? null : this.pooledKeys(type.name, seed);
      const keys: Obj = {};
      for (const k of keyFields) {
        const def = fields[k];
        if (!def) continue;
        keys[k] = fixed?.[k] ?? pooled?.[k] ?? this.field(type.name, def, { seed: `${seed}.${k}`, depth });
      }
      Object.assign(out, keys);
      objectSeed = `${type.name}:${stableKey(keys)}`;
    }
    const typeMocks = this.mocks[type.name] as TypeMocks | undefined;
    for (const def of Object.values(fields)) {
      if (def.name in out) continue;
      if (fixed && def.name in fixed) {
        out[def.name] = fixed[def.name];
        continue;
      }
      // Fields with arguments are resolver RPCs, answered on their own.
      if (def.args.length > 0) continue;
      if (depth > this.maxDepth && !this.needed(def.type, depth)) continue;
      out[def.name] = this.value(
        def.type,
        { parent: type.name, field: def.name, seed: `${objectSeed}.${def.name}`, depth },
        typeMocks?.[def.name],
      );
    }
    return out;
  }

  /**
   * Keys from the type's pool in mocks.json, picked by the seed: `"$keys": [{...}]` (any
   * key, composite too), or a list of values on a key field (`"User": {"id": ["1", "2"]}`).
   */
  private pooledKeys(typeName: string, seed: string): Obj | null {
    const typeMocks = this.mocks[typeName] as TypeMocks | undefined;
    if (!typeMocks) return null;
    const whole = typeMocks['$keys'];
    if (Array.isArray(whole) && whole.length) {
      const picked: unknown = whole[pickIndex(whole.length, `${seed}#keys`)];
      return isPlainObject(picked) ? picked : null;
    }
    const out: Obj = {};
    for (const k of this.keyFieldsOf(typeName) ?? []) {
      const pool = typeMocks[k];
      if (Array.isArray(pool) && pool.length) out[k] = pool[pickIndex(pool.length, `${seed}#${k}`)];
    }
    return Object.keys(out).length ? out : null;
  }

  private override(parent: string, field: string): unknown {
    return (this.mocks[parent] as TypeMocks | undefined)?.[field];
  }

  private listLength(parent: string, field: string): number {
    const lengths = (this.mocks[parent] as TypeMocks | undefined)?.['$listLength'];
    if (typeof lengths === 'number') return lengths;
    if (lengths && typeof lengths === 'object') {
      const n = (lengths as Record<string, unknown>)[field];
      if (typeof n === 'number') return n;
    }
    return this.defaultLength;
  }

  /** Past the depth limit only non-null scalars and (shallow) non-null objects are filled in. */
  private needed(type: GraphQLOutputType, depth: number): boolean {
    if (!isNonNullType(type)) return false;
    const inner = type.ofType;
    if (isListType(inner)) return false;
    return !(isObjectType(inner) || isAbstractType(inner)) || depth <= this.maxDepth + 2;
  }
}

function isPlainObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isComposite(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}
