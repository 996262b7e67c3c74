import {
  buildASTSchema,
  Kind,
  parse,
  print,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLSchema,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
} from 'graphql';

/**
 * The subgraph's own schema as the gateway sees it: its SDL (federation directives
 * left unvalidated, `extend type` without a base definition turned into a definition)
 * plus the federation entry points `_entities`, `_service`, `_Any` and `_Entity`.
 * Resolvers are not attached here; the executor passes its own field resolver.
 */
export interface SubgraphSchema {
  schema: GraphQLSchema;
  /** names of types with @key */
  entityTypes: string[];
}

export class SubgraphSchemaError extends Error {
  override name = 'SubgraphSchemaError';
}

export function buildSubgraphSchema(sdl: string): SubgraphSchema {
  const { doc: normalized, entityTypes } = normalizeSubgraphDocument(parseSdl(sdl));
  const defined = new Set(
    normalized.definitions.filter(isTypeDefinition).map((d) => (d as { name: { value: string } }).name.value),
  );
  const definitions = normalized.definitions.filter(
    (d) => !['_Any', '_Entity', '_Service'].some((name) => named(d, name)),
  );
  const federation = [
    'scalar _Any',
    'type _Service { sdl: String }',
    ...(entityTypes.size ? [`union _Entity = ${[...entityTypes].join(' | ')}`] : []),
  ];
  const queryFields = [
    ...(entityTypes.size ? ['_entities(representations: [_Any!]!): [_Entity]!'] : []),
    '_service: _Service!',
  ];
  const queryName = queryTypeName(normalized);
  federation.push(
    defined.has(queryName)
      ? `extend type ${queryName} { ${queryFields.join(' ')} }`
      : `type ${queryName} { ${queryFields.join(' ')} }`,
  );
  const full: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [...definitions, ...parse(federation.join('\n')).definitions],
  };
  let schema: GraphQLSchema;
  try {
    schema = buildASTSchema(full, { assumeValidSDL: true, assumeValid: true });
  } catch (err) {
    throw new SubgraphSchemaError(
      `subgraph SDL does not build: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { schema, entityTypes: [...entityTypes] };
}

/**
 * The SDL as plain GraphQL: no directive definitions or `extend schema @link`, and an
 * `extend type X` whose base is not defined here becomes `type X` (federation 1 style).
 * protographic and the executor both read this form, so they agree on every type.
 */
export function normalizeSubgraphSdl(sdl: string): string {
  return print(normalizeSubgraphDocument(parseSdl(sdl)).doc);
}

function parseSdl(sdl: string): DocumentNode {
  try {
    return parse(sdl);
  } catch (err) {
    throw new SubgraphSchemaError(
      `subgraph SDL does not parse: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

function normalizeSubgraphDocument(doc: DocumentNode): { doc: DocumentNode; entityTypes: Set<string> } {
  const defined = new Set<string>();
  for (const def of doc.definitions) {
    if (isTypeDefinition(def)) defined.add((def as { name: { value: string } }).name.value);
  }
  const entityTypes = new Set<string>();
  const definitions: DefinitionNode[] = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.DIRECTIVE_DEFINITION || def.kind === Kind.SCHEMA_EXTENSION) continue;
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) {
      if (def.directives?.some((d) => d.name.value === 'key')) entityTypes.add(def.name.value);
    }
    if (def.kind === Kind.OBJECT_TYPE_EXTENSION && !defined.has(def.name.value)) {
      defined.add(def.name.value);
      definitions.push(extensionAsDefinition(def));
      continue;
    }
    definitions.push(def);
  }
  return { doc: { kind: Kind.DOCUMENT, definitions }, entityTypes };
}

function queryTypeName(doc: DocumentNode): string {
  for (const def of doc.definitions) {
    if (def.kind === Kind.SCHEMA_DEFINITION || def.kind === Kind.SCHEMA_EXTENSION) {
      const op = def.operationTypes?.find((o) => o.operation === 'query');
      if (op) return op.type.name.value;
    }
  }
  return 'Query';
}

function isTypeDefinition(def: DefinitionNode): boolean {
  return (
    def.kind === Kind.OBJECT_TYPE_DEFINITION ||
    def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    def.kind === Kind.UNION_TYPE_DEFINITION ||
    def.kind === Kind.ENUM_TYPE_DEFINITION ||
    def.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    def.kind === Kind.SCALAR_TYPE_DEFINITION
  );
}

function named(def: DefinitionNode, name: string): boolean {
  return 'name' in def && def.name?.value === name;
}

function extensionAsDefinition(def: ObjectTypeExtensionNode): ObjectTypeDefinitionNode {
  return {
    kind: Kind.OBJECT_TYPE_DEFINITION,
    name: def.name,
    interfaces: def.interfaces ?? [],
    directives: def.directives ?? [],
    fields: def.fields ?? [],
    ...(def.loc ? { loc: def.loc } : {}),
  };
}
