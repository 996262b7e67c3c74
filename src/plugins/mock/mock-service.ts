import type protobuf from 'protobufjs';
import {
  getNamedType,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLObjectType,
} from 'graphql';
import {
  compileSubgraph,
  type CompiledSubgraph,
  type GrpcSubgraphSource,
} from '../mapping/compiled-subgraph.ts';
import { defineService, type Handler, type PluginService } from '../sdk/service.ts';
import { stableKey } from '../transport/batcher.ts';
import { MockData } from './mock-data.ts';
import { parseMocksFile } from './mocks-file.ts';

/**
 * The generic mock plugin: every RPC of any protographic service answered with
 * MockData. Query/Mutation RPCs echo arguments that name fields of the result (so
 * `product(id: "p-1")` returns p-1), lookups return entities with exactly the keys
 * asked for, and resolver RPCs answer one result per context, in order.
 */
type Obj = Record<string, unknown>;

export interface MockServiceSource extends Omit<GrpcSubgraphSource, 'name'> {
  name?: string;
  /** mocks.json, parsed or as text */
  mocks?: unknown;
}

export function createMockService(source: MockServiceSource): PluginService {
  const compiled = compileSubgraph({ ...source, name: source.name ?? 'mock' });
  const { schema, mapping, codec } = compiled;
  const mocks = parseMocksFile(source.mocks ?? {}, schema);
  const data = new MockData(
    schema,
    mocks,
    (typeName) => mapping.entityLookups(typeName)[0]?.keyFields ?? null,
  );
  const handlers: Record<string, Handler> = {};

  for (const op of mapping.raw.operationMappings ?? []) {
    const root = op.type === 'OPERATION_TYPE_MUTATION' ? schema.getMutationType() : schema.getQueryType();
    const def = root?.getFields()[op.original];
    if (!root || !def) continue;
    const rpc = compiled.rpc(op.mapped);
    const responseField = rpc.response.fields[mapping.protoField(root.name, def.name)];
    handlers[op.mapped] = (request: Obj) => {
      const args = decodeArgs(compiled, root, def, request, rpc.request);
      const value = data.field(op.type === 'OPERATION_TYPE_MUTATION' ? 'Mutation' : 'Query', def, {
        seed: `${root.name}.${def.name}:${stableKey(args)}`,
        depth: 0,
        fixed: echoedFields(
          def,
          args,
          mapping.entityLookups(getNamedType(def.type).name)[0]?.keyFields ?? null,
        ),
        listLength: listLengthArg(args),
      });
      return responseField ? { [responseField.name]: codec.encodeField(def.type, value, responseField) } : {};
    };
  }

  for (const type of mapping.entityTypes()) {
    const entityType = schema.getType(type);
    if (!isObjectType(entityType)) continue;
    for (const lookup of mapping.entityLookups(type)) {
      const rpc = compiled.rpc(lookup.rpc);
      const keyType = rpc.request.fields['keys']!.resolvedType as protobuf.Type;
      const resultType = rpc.response.fields['result']!.resolvedType as protobuf.Type;
      handlers[lookup.rpc] = (request: { keys?: Obj[] }) => ({
        result: (request.keys ?? []).map((k) => {
          const key = withoutTypename(codec.decodeObject(entityType, k, keyType));
          return codec.encodeObject(
            entityType,
            data.object(entityType, `lookup:${type}`, 0, key),
            resultType,
          );
        }),
      });
      for (const [fieldName, required] of lookup.required) {
        const def = entityType.getFields()[fieldName];
        if (!def) continue;
        const req = compiled.rpc(required.rpc);
        const contextType = req.request.fields['context']!.resolvedType as protobuf.Type;
        const resultField = (req.response.fields['result']!.resolvedType as protobuf.Type).fields[
          required.fieldMapping.mapped
        ];
        handlers[required.rpc] = (request: { context?: Obj[] }) => ({
          result: (request.context ?? []).map((c) => {
            const key = codec.decodeObject(
              entityType,
              c['key'],
              contextType.fields['key']!.resolvedType as protobuf.Type,
            );
            const fields = codec.decodeObject(
              entityType,
              c['fields'],
              contextType.fields['fields']!.resolvedType as protobuf.Type,
            );
            const value = data.field(type, def, {
              seed: `${type}.${fieldName}:${stableKey(key)}:${stableKey(fields)}`,
              depth: 1,
            });
            return resultField ? { [resultField.name]: codec.encodeField(def.type, value, resultField) } : {};
          }),
        });
      }
    }
  }

  for (const rm of mapping.raw.resolveMappings ?? []) {
    const parent = schema.getType(rm.lookupMapping.type);
    if (!isObjectType(parent)) continue;
    const def = parent.getFields()[rm.lookupMapping.fieldMapping.original];
    if (!def) continue;
    const rpc = compiled.rpc(rm.rpc);
    const contextType = rpc.request.fields['context']!.resolvedType as protobuf.Type;
    const argsField = rpc.request.fields['field_args'];
    const resultField = (rpc.response.fields['result']!.resolvedType as protobuf.Type).fields[
      rm.lookupMapping.fieldMapping.mapped
    ];
    handlers[rm.rpc] = (request: { context?: Obj[]; field_args?: Obj | null }) => {
      const args = argsField
        ? decodeArgs(compiled, parent, def, request.field_args ?? {}, argsField.resolvedType as protobuf.Type)
        : {};
      return {
        result: (request.context ?? []).map((c) => {
          const context = withoutTypename(codec.decodeObject(parent, c, contextType));
          const value = data.field(parent.name, def, {
            seed: `${parent.name}.${def.name}:${stableKey(context)}:${stableKey(args)}`,
            depth: 1,
            listLength: listLengthArg(args),
          });
          return resultField ? { [resultField.name]: codec.encodeField(def.type, value, resultField) } : {};
        }),
      };
    };
  }

  return defineService(source.protoSchema, handlers, { serviceName: mapping.service });
}

function decodeArgs(
  compiled: CompiledSubgraph,
  parent: GraphQLObjectType,
  def: GraphQLField<unknown, unknown>,
  message: Obj,
  messageType: protobuf.Type,
): Obj {
  const args: Obj = {};
  for (const arg of def.args) {
    const pf = messageType.fields[compiled.mapping.protoArgument(parent.name, def.name, arg.name)];
    if (!pf) continue;
    const value = compiled.codec.decodeField(arg.type, message[pf.name], pf, 'deep');
    if (value !== null && value !== undefined) args[arg.name] = value;
  }
  return args;
}

/**
 * Arguments (or fields of an input argument) that name scalar fields of the result:
 * `product(id: "p-1")` returns p-1 and `products(status: IN_STOCK)` only in-stock
 * products. A list never echoes its items' key fields (they would all be one entity).
 */
function echoedFields(
  def: GraphQLField<unknown, unknown>,
  args: Obj,
  keyFields: string[] | null,
): Obj | undefined {
  const returned = isNonNullType(def.type) ? def.type.ofType : def.type;
  const named = getNamedType(def.type);
  if (!isObjectType(named)) return undefined;
  const isList = !isObjectType(returned);
  const fields = named.getFields();
  const fixed: Obj = {};
  const take = (name: string, value: unknown) => {
    const f = fields[name];
    if (isList && keyFields?.includes(name)) return;
    if (
      f &&
      f.args.length === 0 &&
      !isObjectType(getNamedType(f.type)) &&
      value !== null &&
      typeof value !== 'object'
    ) {
      fixed[name] = value;
    }
  };
  for (const arg of def.args) {
    const value = args[arg.name];
    if (
      isInputObjectType(getNamedType(arg.type)) &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      for (const [k, v] of Object.entries(value)) take(k, v);
    } else {
      take(arg.name, value);
    }
  }
  return Object.keys(fixed).length ? fixed : undefined;
}

function listLengthArg(args: Obj): number | undefined {
  for (const name of ['first', 'last', 'limit', 'take', 'count', 'size', 'pageSize']) {
    const v = args[name];
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return Math.min(v, 100);
  }
  return undefined;
}

function withoutTypename(obj: Obj | null): Obj {
  const { __typename: _t, ...rest } = obj ?? {};
  return rest;
}
