import * as grpc from '@grpc/grpc-js';
import type protobuf from 'protobufjs';
import { loadProtoService, type ProtoService } from '../mapping/proto-schema.ts';

/**
 * A gRPC service implemented from the generated service.proto with plain handlers:
 * each gets the request as a plain object (proto field names, enum values by name,
 * wrappers as { value }, unset messages as null) and returns the response the same
 * way. No protoc, no generated stubs: protobufjs reads the .proto at start-up.
 */
export interface HandlerContext {
  metadata: grpc.Metadata;
  /** the RPC name, e.g. "QueryProducts" */
  method: string;
  cancelled(): boolean;
}

// Handlers are typed by the generated interface; the runtime only needs this shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Handler = (request: any, context: HandlerContext) => unknown;

export interface PluginService {
  proto: ProtoService;
  definition: grpc.ServiceDefinition;
  implementation: grpc.UntypedServiceImplementation;
}

/** Throw it from a handler to answer with a specific gRPC status. */
export class PluginError extends Error {
  override name = 'PluginError';
  constructor(
    readonly code: grpc.status,
    message: string,
  ) {
    super(message);
  }
}

export const requestObjectOptions: protobuf.IConversionOptions = {
  enums: String,
  longs: Number,
  defaults: true,
  arrays: true,
  oneofs: true,
};

export function defineService<H extends object>(
  protoText: string,
  handlers: Partial<H>,
  options: { serviceName?: string; strict?: boolean } = {},
): PluginService {
  const proto = loadProtoService(protoText, options.serviceName);
  const table = handlers as Record<string, Handler | undefined>;
  const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(proto.service.methods)) {
    const method = proto.method(name);
    const req = method.resolvedRequestType!;
    const res = method.resolvedResponseType!;
    if (method.requestStream || method.responseStream) continue;
    definition[name] = {
      path: `${proto.pathPrefix}${name}`,
      requestStream: false,
      responseStream: false,
      requestSerialize: (v: object) => Buffer.from(req.encode(req.fromObject(v)).finish()),
      requestDeserialize: (b: Buffer) => req.toObject(req.decode(b), requestObjectOptions),
      responseSerialize: (v: object) => Buffer.from(res.encode(res.fromObject(v)).finish()),
      responseDeserialize: (b: Buffer) => res.toObject(res.decode(b), requestObjectOptions),
      originalName: name,
    };
    const handler = table[name];
    implementation[name] = (
      call: grpc.ServerUnaryCall<object, object>,
      callback: grpc.sendUnaryData<object>,
    ) => {
      if (!handler) {
        callback({ code: grpc.status.UNIMPLEMENTED, details: `${name} is not implemented` });
        return;
      }
      const context: HandlerContext = {
        metadata: call.metadata,
        method: name,
        cancelled: () => call.cancelled,
      };
      Promise.resolve()
        .then(() => handler(call.request, context))
        .then(
          (response) => callback(null, (response ?? {}) as object),
          (err: unknown) => callback(toStatus(err)),
        );
    };
  }
  if (options.strict) {
    const missing = Object.keys(definition).filter((n) => !table[n]);
    if (missing.length) throw new Error(`handlers missing for: ${missing.join(', ')}`);
  }
  return { proto, definition, implementation };
}

function toStatus(err: unknown): grpc.ServiceError | { code: grpc.status; details: string } {
  if (err instanceof PluginError) return { code: err.code, details: err.message };
  return { code: grpc.status.INTERNAL, details: err instanceof Error ? err.message : String(err) };
}
