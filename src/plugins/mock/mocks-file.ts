import { z } from 'zod';
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
const listLength = z.number().int().min(0).max(100);

export const typeMocksSchema = z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
  const lengths = value['$listLength'];
  if (lengths === undefined) return;
  const ok =
    listLength.safeParse(lengths).success ||
    (typeof lengths === 'object' &&
      lengths !== null &&
      !Array.isArray(lengths) &&
      Object.values(lengths).every((n) => listLength.safeParse(n).success));
  if (!ok) {
    ctx.addIssue({
      code: 'custom',
      path: ['$listLength'],
      message: '$listLength must be an integer 0..100 or an object of field → integer 0..100',
    });
  }
});

export const mocksFileSchema = z
  .object({
    $listLength: listLength.optional(),
    $seed: z.union([z.string(), z.number()]).optional(),
    $maxDepth: z.number().int().min(1).max(8).optional(),
  })
  .catchall(typeMocksSchema);

export type MocksFile = z.infer<typeof mocksFileSchema>;
export type TypeMocks = z.infer<typeof typeMocksSchema>;

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
  const parsed = mocksFileSchema.safeParse(value ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new MocksFileError(`mocks.json is invalid: ${issues.join('; ')}`, issues);
  }
  if (schema) {
    const issues: string[] = [];
    for (const [typeName, fields] of Object.entries(parsed.data)) {
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
  return parsed.data;
}
