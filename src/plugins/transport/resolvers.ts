import type protobuf from 'protobufjs';
import {
  defaultFieldResolver,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLTypeResolver,
} from 'graphql';
import type { EntityLookup, ResolveMappingJson } from '../mapping/mapping-index.ts';
import { stableKey, type Batcher } from './batcher.ts';
import { chooseLookup, type CompiledSubgraph } from '../mapping/compiled-subgraph.ts';
import { subgraphError } from './errors.ts';

/**
 * The resolvers graphql-js runs for one subgraph request. Root fields call
 * Query<Field>/Mutation<Field>; `_entities` calls Lookup<Type>By<Key> once per type
 * and key with all representations; fields the mapping marks as resolvers call
 * Resolve<Type><Field> once for all parents and arguments; @requires fields call
 * Require<Type><Field>By<Key>. Every other field is read lazily from the proto
 * message of its parent, so only selected fields are converted.
 */
export interface RequestContext {
  batcher: Batcher;
  /** `retryable`: safe to send again once if the plugin restarted under it (not mutations) */
  call(rpc: string, request: Record<string, unknown>, retryable?: boolean): Promise<protobuf.Message>;
}

type Message = protobuf.Message & Record<string, unknown>;
type Obj = Record<string, unknown>;

interface EntityOrigin {
  representation: Obj;
  lookup: EntityLookup;
}

export function createResolvers(compiled: CompiledSubgraph): {
  fieldResolver: GraphQLFieldResolver<unknown, RequestContext>;
  typeResolver: GraphQLTypeResolver<unknown, RequestContext>;
} {
  const { schema, mapping, codec } = compiled;
  const origins = new WeakMap<object, EntityOrigin>();
  const queryType = schema.getQueryType()?.name;
  const mutationType = schema.getMutationType()?.name;

  const rootField = async (args: Obj, ctx: RequestContext, info: GraphQLResolveInfo) => {
    const root = info.parentType.name === mutationType ? 'Mutation' : 'Query';
    const op = mapping.operation(root, info.fieldName);
    if (!op)
      throw subgraphError(
        compiled.name,
        `${root}.${info.fieldName}`,
        new Error('no RPC is mapped to this field'),
      );
    const rpc = compiled.rpc(op.mapped);
    const request: Obj = {};
    for (const arg of info.parentType.getFields()[info.fieldName]?.args ?? []) {
      const protoName = mapping.protoArgument(info.parentType.name, info.fieldName, arg.name);
      const pf = rpc.request.fields[protoName];
      const encoded = pf ? codec.encodeField(arg.type, args[arg.name], pf) : undefined;
      if (encoded !== undefined) request[protoName] = encoded;
    }
    const response = (await callOrThrow(ctx, op.mapped, request, root !== 'Mutation')) as Message;
    const protoName = mapping.protoField(info.parentType.name, info.fieldName);
    const pf = rpc.response.fields[protoName];
    return pf ? codec.decodeField(info.returnType, response[protoName], pf, 'lazy') : null;
  };

  const callOrThrow = async (ctx: RequestContext, rpcName: string, request: Obj, retryable: boolean) => {
    try {
      return await ctx.call(rpcName, request, retryable);
    } catch (err) {
      throw subgraphError(compiled.name, rpcName, err);
    }
  };

  const entities = async (representations: unknown[], ctx: RequestContext): Promise<unknown[]> => {
    const out: unknown[] = new Array(representations.length).fill(null);
    const groups = new Map<string, { lookup: EntityLookup; indices: number[]; keys: Obj[] }>();
    representations.forEach((raw, i) => {
      const rep = (raw ?? {}) as Obj;
      const lookup = chooseLookup(compiled, rep);
      if (!lookup) {
        out[i] = subgraphError(
          compiled.name,
          '_entities',
          new Error(`no entity lookup for ${String(rep['__typename'])} with the key fields given`),
        );
        return;
      }
      const entityType = schema.getType(lookup.typeName)!;
      const keyType = compiled.rpc(lookup.rpc).request.fields['keys']!.resolvedType as protobuf.Type;
      const group = groups.get(lookup.rpc) ?? { lookup, indices: [], keys: [] };
      group.indices.push(i);
      group.keys.push(codec.encodeObject(entityType, pick(rep, lookup.keyFields), keyType));
      groups.set(lookup.rpc, group);
    });
    await Promise.all(
      [...groups.values()].map(async (g) => {
        try {
          const response = (await ctx.call(g.lookup.rpc, { keys: g.keys }, true)) as Message;
          const results = (response['result'] as Message[] | undefined) ?? [];
          if (results.length !== g.keys.length) {
            throw new Error(`returned ${results.length} entities for ${g.keys.length} keys`);
          }
          g.indices.forEach((index, j) => {
            const entity = results[j] ?? null;
            if (entity)
              origins.set(entity, { representation: representations[index] as Obj, lookup: g.lookup });
            out[index] = entity;
          });
        } catch (err) {
          const error = subgraphError(compiled.name, g.lookup.rpc, err);
          for (const index of g.indices) out[index] = error;
        }
      }),
    );
    return out;
  };

  const resolveField = (
    rm: ResolveMappingJson,
    source: Message,
    args: Obj,
    ctx: RequestContext,
    info: GraphQLResolveInfo,
  ) => {
    const rpc = compiled.rpc(rm.rpc);
    const resultType = rpc.response.fields['result']!.resolvedType as protobuf.Type;
    const resultField = resultType.fields[rm.lookupMapping.fieldMapping.mapped]!;
    return ctx.batcher.load<Message, unknown>(`${rm.rpc}|${stableKey(args)}`, source, async (sources) => {
      const contextType = rpc.request.fields['context']!.resolvedType as protobuf.Type;
      const request: Obj = { context: sources.map((s) => copyFields(contextType, s)) };
      const argsField = rpc.request.fields['field_args'];
      if (argsField) {
        const argsType = argsField.resolvedType as protobuf.Type;
        const encoded: Obj = {};
        for (const arg of info.parentType.getFields()[info.fieldName]?.args ?? []) {
          const protoName = mapping.protoArgument(info.parentType.name, info.fieldName, arg.name);
          const pf = argsType.fields[protoName];
          const value = pf ? codec.encodeField(arg.type, args[arg.name], pf) : undefined;
          if (value !== undefined) encoded[protoName] = value;
        }
        request['field_args'] = encoded;
      }
      const results = await batchCall(ctx, rm.rpc, request, sources.length);
      return results.map((r) =>
        codec.decodeField(info.returnType, (r as Message)[resultField.name], resultField, 'lazy'),
      );
    });
  };

  const requiredField = (source: Message, ctx: RequestContext, info: GraphQLResolveInfo) => {
    const origin = origins.get(source);
    const required = origin?.lookup.required.get(info.fieldName);
    if (!origin || !required) return null;
    const rpc = compiled.rpc(required.rpc);
    const resultType = rpc.response.fields['result']!.resolvedType as protobuf.Type;
    const resultField = resultType.fields[required.fieldMapping.mapped]!;
    const entityType = schema.getType(origin.lookup.typeName)!;
    return ctx.batcher.load<EntityOrigin, unknown>(required.rpc, origin, async (list) => {
      const contextType = rpc.request.fields['context']!.resolvedType as protobuf.Type;
      const keyType = contextType.fields['key']!.resolvedType as protobuf.Type;
      const fieldsType = contextType.fields['fields']!.resolvedType as protobuf.Type;
      const context = list.map((o) => ({
        key: codec.encodeObject(entityType, pick(o.representation, o.lookup.keyFields), keyType),
        fields: codec.encodeObject(entityType, o.representation, fieldsType),
      }));
      const results = await batchCall(ctx, required.rpc, { context }, list.length);
      return results.map((r) =>
        codec.decodeField(info.returnType, (r as Message)[resultField.name], resultField, 'lazy'),
      );
    });
  };

  const batchCall = async (ctx: RequestContext, rpcName: string, request: Obj, expected: number) => {
    try {
      const response = (await ctx.call(rpcName, request, true)) as Message;
      const results = (response['result'] as unknown[] | undefined) ?? [];
      if (results.length !== expected)
        throw new Error(`returned ${results.length} results for ${expected} inputs`);
      return results;
    } catch (err) {
      throw subgraphError(compiled.name, rpcName, err);
    }
  };

  const fieldResolver: GraphQLFieldResolver<unknown, RequestContext> = (source, args, ctx, info) => {
    const parent = info.parentType.name;
    if (parent === queryType || parent === mutationType) {
      if (info.fieldName === '_entities') return entities((args['representations'] as unknown[]) ?? [], ctx);
      if (info.fieldName === '_service') return { sdl: compiled.sdl };
      return rootField(args, ctx, info);
    }
    const message = source as Message | null;
    const type = message?.$type;
    if (!message || !type) return defaultFieldResolver(source, args, ctx, info);
    const rm = mapping.resolver(parent, info.fieldName);
    if (rm) return resolveField(rm, message, args, ctx, info);
    const pf = type.fields[mapping.protoField(parent, info.fieldName)];
    if (pf) return codec.decodeField(info.returnType, message[pf.name], pf, 'lazy');
    return requiredField(message, ctx, info);
  };

  const typeResolver: GraphQLTypeResolver<unknown, RequestContext> = (value) => {
    const v = value as { $type?: { name?: string }; __typename?: string } | null;
    return v?.$type?.name ?? v?.__typename;
  };

  return { fieldResolver, typeResolver };
}

function pick(obj: Obj, keys: string[]): Obj {
  const out: Obj = {};
  for (const k of keys) out[k] = obj[k];
  return out;
}

/** The parent's proto fields that the resolver's context message asks for, as they are. */
function copyFields(target: protobuf.Type, source: Message): Obj {
  const out: Obj = {};
  for (const f of target.fieldsArray) {
    const v = source[f.name];
    if (v !== undefined && v !== null) out[f.name] = v;
  }
  return out;
}
