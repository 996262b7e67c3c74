import {
  buildSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLSchema,
} from 'graphql';

const MAX_ROOT_FIELDS = 3;
const MAX_LEAVES = 4;

const callable = (f: GraphQLField<unknown, unknown>) =>
  !f.name.startsWith('_') && f.args.every((a) => !isNonNullType(a.type) || a.defaultValue !== undefined);

/** A field's selection: itself for a scalar, its first scalar leaves for an object, null otherwise. */
function selection(field: GraphQLField<unknown, unknown>, indent: string): string | null {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return `${indent}${field.name}`;
  if (!isObjectType(type)) return null;
  const leaves = Object.values(type.getFields())
    .filter((f) => callable(f) && isLeafType(getNamedType(f.type)))
    .slice(0, MAX_LEAVES)
    .map((f) => `${indent}  ${f.name}`);
  if (leaves.length === 0) return null;
  return `${indent}${field.name} {\n${leaves.join('\n')}\n${indent}}`;
}

/**
 * A first query for a graph: a few root fields that need no arguments, each with scalar
 * leaves, so Run answers with real data from the subgraphs rather than `__typename`.
 */
export function starterQuery(schemaOrSdl: GraphQLSchema | string): string | null {
  let schema: GraphQLSchema;
  try {
    schema = typeof schemaOrSdl === 'string' ? buildSchema(schemaOrSdl, { assumeValidSDL: true }) : schemaOrSdl;
  } catch {
    return null;
  }
  const query = schema.getQueryType();
  if (!query) return null;
  const parts: string[] = [];
  for (const field of Object.values(query.getFields())) {
    if (parts.length >= MAX_ROOT_FIELDS) break;
    if (!callable(field)) continue;
    const sel = selection(field, '  ');
    if (sel) parts.push(sel);
  }
  if (parts.length === 0) return null;
  const name = query.name === 'Query' ? 'Starter' : `${query.name}Starter`;
  return `query ${name} {\n${parts.join('\n')}\n}\n`;
}
