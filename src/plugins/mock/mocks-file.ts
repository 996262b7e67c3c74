import { isListType, isNonNullType, isObjectType, type GraphQLSchema } from 'graphql';

/**
 * mocks.json: fixed values per type and field, plus list lengths.
 *
 *   {
 *     "$listLength": 3,              // every list (default 3)
 *     "$seed": "demo",               // another seed gives other (still stable) data
 *     "Product": {
 *       "name": "Desk lamp",          // a fixed value (GraphQL shape, enum values by name)
 *       "$listLength": { "tags": 5 }  // this field's lists
 *     },
 *     "Query": { "featured": [{ "id": "p-1" }, { "id": "p-2" }] }, // objects are merged with generated data
 *     "User": { "id": ["1", "2"] },   // a key pool: references to User carry one of these ids
 *     "Sku": { "$keys": [{ "id": "1", "region": "eu" }] }  // a pool of whole (composite) keys
 *   }
 *
 * Key pools are how a mock's references join with a real subgraph: the entities it hands
 * out carry keys that subgraph knows (the control plane samples them; see decision 0010).
 * Entities the router looks up by key keep the keys asked for.
 */
export type TypeMocks = Record<string, unknown>;
export interface MocksFile {
  $listLength?: number;
  $seed?: string | number;
  $maxDepth?: number;
  /** type name → its fields' mocks (TypeMocks) */
  [typeName: string]: unknown;
}

// Checked by hand rather than with zod: this file is part of the mock runtime, and zod was
// a sixth of the runtime's code and of the work a mock does before it serves (decision 0018).
const isInt = (v: unknown, min: number, max: number) => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const LIST_LENGTH = 'must be an integer 0..100';

/** The shape of mocks.json, without the schema: the issues, as "path: message". */
function shapeIssues(value: unknown): string[] {
  if (!isPlainObject(value))
    return ['(root): must be an object of type names (plus $listLength, $seed, $maxDepth)'];
  const issues: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    if (key === '$listLength') {
      if (!isInt(v, 0, 100)) issues.push(`$listLength: ${LIST_LENGTH}`);
    } else if (key === '$seed') {
      if (typeof v !== 'string' && typeof v !== 'number') issues.push('$seed: must be a string or a number');
    } else if (key === '$maxDepth') {
      if (!isInt(v, 1, 8)) issues.push('$maxDepth: must be an integer 1..8');
    } else if (!isPlainObject(v)) {
      issues.push(`${key}: must be an object of field → value, e.g. {"name": "Desk lamp"}`);
    } else if (v['$listLength'] !== undefined) {
      const lengths = v['$listLength'];
      const ok =
        isInt(lengths, 0, 100) ||
        (isPlainObject(lengths) && Object.values(lengths).every((n) => isInt(n, 0, 100)));
      if (!ok)
        issues.push(`${key}.$listLength: ${LIST_LENGTH} or an object of field → integer 0..100`);
    }
  }
  return issues;
}

export class MocksFileError extends Error {
  override name = 'MocksFileError';
  constructor(
    message: string,
    readonly issues: string[],
  ) {
    super(message);
  }
}

/** Parses mocks.json and checks that every type and field it names exists in the schema. */
export function parseMocksFile(input: unknown, schema?: GraphQLSchema): MocksFile {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = input.trim() === '' ? {} : JSON.parse(input);
    } catch (err) {
      throw new MocksFileError(
        `mocks.json is not valid JSON: ${err instanceof Error ? err.message : String(err)}`,
        [],
      );
    }
  }
  const data = value ?? {};
  const invalid = shapeIssues(data);
  if (invalid.length) throw new MocksFileError(`mocks.json is invalid: ${invalid.join('; ')}`, invalid);
  const mocks = data as MocksFile;
  if (schema) {
    const issues: string[] = [];
    for (const [typeName, fields] of Object.entries(mocks)) {
      if (typeName.startsWith('$')) continue;
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) {
        issues.push(`${typeName}: no object type "${typeName}" in the schema`);
        continue;
      }
      const defs = type.getFields();
      const pool = (fields as TypeMocks)['$keys'];
      if (pool !== undefined) {
        if (!Array.isArray(pool) || !pool.every((k) => k && typeof k === 'object' && !Array.isArray(k)))
          issues.push(`${typeName}.$keys: must be a list of key objects, e.g. [{"id": "1"}]`);
        else
          for (const k of pool as object[])
            for (const f of Object.keys(k))
              if (!defs[f]) issues.push(`${typeName}.$keys: no field "${f}" on ${typeName}`);
      }
      for (const field of Object.keys(fields as TypeMocks)) {
        if (field === '$listLength' || field === '$keys') continue;
        if (!defs[field]) issues.push(`${typeName}.${field}: no field "${field}" on ${typeName}`);
      }
      const lengths = (fields as TypeMocks)['$listLength'];
      if (lengths && typeof lengths === 'object') {
        for (const field of Object.keys(lengths)) {
          const def = defs[field];
          const t = def ? (isNonNullType(def.type) ? def.type.ofType : def.type) : undefined;
          if (!def || !isListType(t))
            issues.push(`${typeName}.$listLength.${field}: not a list field of ${typeName}`);
        }
      }
    }
    if (issues.length)
      throw new MocksFileError(`mocks.json does not match the schema: ${issues.join('; ')}`, issues);
  }
  return mocks;
}
