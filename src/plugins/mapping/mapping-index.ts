/**
 * protographic's mapping.json (the proto3 JSON form of cosmo-connect's GRPCMapping),
 * indexed for lookups by GraphQL name. Only the parts the transport and the mock read
 * are typed; unknown keys are kept so newer protographic output still loads.
 */

export interface ArgumentMappingJson {
  original: string;
  mapped: string;
}
export interface FieldMappingJson {
  original: string;
  mapped: string;
  argumentMappings?: ArgumentMappingJson[];
}
export interface OperationMappingJson {
  type?: string;
  original: string;
  mapped: string;
  request: string;
  response: string;
}
export interface RequiredFieldMappingJson {
  fieldMapping: FieldMappingJson;
  rpc: string;
  request: string;
  response: string;
}
export interface EntityMappingJson {
  typeName: string;
  kind?: string;
  key: string;
  rpc: string;
  request: string;
  response: string;
  requiredFieldMappings?: RequiredFieldMappingJson[];
}
export interface ResolveMappingJson {
  type?: string;
  lookupMapping: { type: string; fieldMapping: FieldMappingJson };
  rpc: string;
  request: string;
  response: string;
}
export interface GrpcMappingJson {
  version?: number;
  service: string;
  operationMappings?: OperationMappingJson[];
  entityMappings?: EntityMappingJson[];
  typeFieldMappings?: { type: string; fieldMappings?: FieldMappingJson[] }[];
  enumMappings?: { type: string; values?: ArgumentMappingJson[] }[];
  resolveMappings?: ResolveMappingJson[];
}

export class MappingError extends Error {
  override name = 'MappingError';
}

export type RootOperation = 'Query' | 'Mutation' | 'Subscription';

export interface EntityLookup {
  typeName: string;
  /** top-level GraphQL field names of the key, in key order */
  keyFields: string[];
  rpc: string;
  request: string;
  response: string;
  required: Map<string, RequiredFieldMappingJson>;
}

export interface MappingIndex {
  service: string;
  raw: GrpcMappingJson;
  operation(root: RootOperation, field: string): OperationMappingJson | undefined;
  /** proto field name for a GraphQL field (falls back to protographic's snake_case rule) */
  protoField(type: string, field: string): string;
  protoArgument(type: string, field: string, arg: string): string;
  /** GraphQL enum value → proto enum value name */
  protoEnumValue(enumType: string, value: string): string | undefined;
  /** proto enum value name → GraphQL enum value */
  graphqlEnumValue(enumType: string, protoValue: string): string | undefined;
  entityLookups(typeName: string): EntityLookup[];
  resolver(type: string, field: string): ResolveMappingJson | undefined;
  entityTypes(): string[];
}

export function parseMapping(input: unknown): GrpcMappingJson {
  const value = typeof input === 'string' ? (JSON.parse(input) as unknown) : input;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new MappingError('mapping.json must be a JSON object');
  }
  const mapping = value as GrpcMappingJson;
  if (typeof mapping.service !== 'string' || mapping.service === '') {
    throw new MappingError('mapping.json has no "service" name');
  }
  for (const key of [
    'operationMappings',
    'entityMappings',
    'typeFieldMappings',
    'enumMappings',
    'resolveMappings',
  ] as const) {
    if (mapping[key] !== undefined && !Array.isArray(mapping[key])) {
      throw new MappingError(`mapping.json "${key}" must be an array`);
    }
  }
  return mapping;
}

const operationPrefix: Record<string, RootOperation> = {
  OPERATION_TYPE_QUERY: 'Query',
  OPERATION_TYPE_MUTATION: 'Mutation',
  OPERATION_TYPE_SUBSCRIPTION: 'Subscription',
};

export function indexMapping(input: unknown): MappingIndex {
  const raw = parseMapping(input);
  const operations = new Map<string, OperationMappingJson>();
  for (const op of raw.operationMappings ?? []) {
    const root = operationPrefix[op.type ?? 'OPERATION_TYPE_QUERY'] ?? 'Query';
    operations.set(`${root}.${op.original}`, op);
  }
  const fields = new Map<string, FieldMappingJson>();
  for (const tf of raw.typeFieldMappings ?? []) {
    for (const f of tf.fieldMappings ?? []) fields.set(`${tf.type}.${f.original}`, f);
  }
  const enumsToProto = new Map<string, string>();
  const enumsToGraphql = new Map<string, string>();
  for (const em of raw.enumMappings ?? []) {
    for (const v of em.values ?? []) {
      enumsToProto.set(`${em.type}.${v.original}`, v.mapped);
      enumsToGraphql.set(`${em.type}.${v.mapped}`, v.original);
    }
  }
  const entities = new Map<string, EntityLookup[]>();
  for (const em of raw.entityMappings ?? []) {
    const list = entities.get(em.typeName) ?? [];
    list.push({
      typeName: em.typeName,
      keyFields: topLevelKeyFields(em.key),
      rpc: em.rpc,
      request: em.request,
      response: em.response,
      required: new Map((em.requiredFieldMappings ?? []).map((r) => [r.fieldMapping.original, r])),
    });
    entities.set(em.typeName, list);
  }
  const resolvers = new Map<string, ResolveMappingJson>();
  for (const rm of raw.resolveMappings ?? []) {
    resolvers.set(`${rm.lookupMapping.type}.${rm.lookupMapping.fieldMapping.original}`, rm);
  }
  return {
    service: raw.service,
    raw,
    operation: (root, field) => operations.get(`${root}.${field}`),
    protoField: (type, field) => fields.get(`${type}.${field}`)?.mapped ?? snakeCase(field),
    protoArgument: (type, field, arg) =>
      fields.get(`${type}.${field}`)?.argumentMappings?.find((a) => a.original === arg)?.mapped ??
      snakeCase(arg),
    protoEnumValue: (enumType, value) => enumsToProto.get(`${enumType}.${value}`),
    graphqlEnumValue: (enumType, protoValue) => enumsToGraphql.get(`${enumType}.${protoValue}`),
    entityLookups: (typeName) => entities.get(typeName) ?? [],
    resolver: (type, field) => resolvers.get(`${type}.${field}`),
    entityTypes: () => [...entities.keys()],
  };
}

/** "id org { id } region" → ["id", "org", "region"] (nested selections belong to their parent field). */
export function topLevelKeyFields(key: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const token of key.match(/[A-Za-z_][A-Za-z0-9_]*|[{}]/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0 && !out.includes(token)) out.push(token);
  }
  return out;
}

/** lodash's snakeCase, as protographic names fields: "topProduct" → "top_product", "address2" → "address_2". */
export function snakeCase(name: string): string {
  const words = name.match(/[A-Z]{2,}(?=[A-Z][a-z]+[0-9]*|\b|[0-9_])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g) ?? [name];
  return words.map((w) => w.toLowerCase()).join('_');
}
