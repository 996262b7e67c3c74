import type protobuf from 'protobufjs';
import type { GraphQLSchema } from 'graphql';
import { ProtoCodec } from './codec.ts';
import { indexMapping, type EntityLookup, type MappingIndex } from './mapping-index.ts';
import { loadProtoService, type ProtoService } from './proto-schema.ts';
import { buildSubgraphSchema } from './subgraph-schema.ts';

/**
 * Everything derived once from a gRPC subgraph's {sdl, protoSchema, mapping}: its
 * GraphQL schema with the federation entry points, the loaded proto service, the
 * mapping index and the codec between them. Building it checks that the three agree
 * (every operation's RPC exists), so a bad config fails when loaded, not per request.
 */
export interface CompiledSubgraph {
  name: string;
  sdl: string;
  schema: GraphQLSchema;
  proto: ProtoService;
  mapping: MappingIndex;
  codec: ProtoCodec;
  rpc(name: string): { path: string; request: protobuf.Type; response: protobuf.Type };
}

export class GrpcSubgraphConfigError extends Error {
  override name = 'GrpcSubgraphConfigError';
}

export interface GrpcSubgraphSource {
  name: string;
  sdl: string;
  protoSchema: string;
  /** mapping.json, parsed or as text */
  mapping: unknown;
}

export function compileSubgraph(source: GrpcSubgraphSource): CompiledSubgraph {
  try {
    const { schema } = buildSubgraphSchema(source.sdl);
    const mapping = indexMapping(source.mapping);
    const proto = loadProtoService(source.protoSchema, mapping.service);
    const codec = new ProtoCodec(schema, mapping);
    const rpcs = new Map<string, { path: string; request: protobuf.Type; response: protobuf.Type }>();
    const rpc = (name: string) => {
      let found = rpcs.get(name);
      if (!found) {
        const method = proto.method(name);
        found = {
          path: `${proto.pathPrefix}${name}`,
          request: method.resolvedRequestType!,
          response: method.resolvedResponseType!,
        };
        rpcs.set(name, found);
      }
      return found;
    };
    const raw = mapping.raw;
    for (const op of raw.operationMappings ?? []) rpc(op.mapped);
    for (const e of raw.entityMappings ?? []) {
      rpc(e.rpc);
      for (const r of e.requiredFieldMappings ?? []) rpc(r.rpc);
    }
    for (const r of raw.resolveMappings ?? []) rpc(r.rpc);
    return { name: source.name, sdl: source.sdl, schema, proto, mapping, codec, rpc };
  } catch (err) {
    throw new GrpcSubgraphConfigError(
      `gRPC subgraph "${source.name}": ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** The lookup whose key fields a representation carries (the first, if several do). */
export function chooseLookup(
  compiled: CompiledSubgraph,
  representation: Record<string, unknown>,
): EntityLookup | undefined {
  const typename = representation['__typename'];
  if (typeof typename !== 'string') return undefined;
  return compiled.mapping
    .entityLookups(typename)
    .find((l) => l.keyFields.every((f) => representation[f] !== undefined && representation[f] !== null));
}
