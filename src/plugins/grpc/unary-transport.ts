import * as grpc from '@grpc/grpc-js';
import {
  GRPC_CLIENT_KINDS,
  GrpcCallError,
  type GrpcClientKind,
  type UnaryTransport,
} from './call.ts';
import { createH2Transport } from './h2-transport.ts';
import { createInsecureClient } from './unary.ts';

/**
 * How the router sends one unary RPC: request bytes in, response bytes out, with a
 * deadline and an abort signal. Two implementations speak the same gRPC wire protocol:
 *  - "http2" (default): a lean client on node:http2 (h2-transport.ts), about half the
 *    CPU per call of grpc-js (docs/decisions/0005);
 *  - "grpc-js": @grpc/grpc-js's Client, kept for comparison and as a fallback
 *    (SWITCHYARD_GRPC_CLIENT=grpc-js).
 * Health checks during a plugin's start always use grpc-js.
 */
export function grpcClientKind(value = process.env['SWITCHYARD_GRPC_CLIENT']): GrpcClientKind {
  if (!value) return 'http2';
  if ((GRPC_CLIENT_KINDS as readonly string[]).includes(value)) return value as GrpcClientKind;
  throw new Error(`SWITCHYARD_GRPC_CLIENT must be one of ${GRPC_CLIENT_KINDS.join(', ')} (got "${value}")`);
}

/** A transport to "unix:///path", "unix:/path", "host:port", "dns:///host:port", "grpc://host:port" … */
export function createUnaryTransport(target: string, kind: GrpcClientKind = grpcClientKind()): UnaryTransport {
  return kind === 'grpc-js' ? grpcJsTransport(createInsecureClient(target)) : createH2Transport(target);
}

export function grpcJsTransport(client: grpc.Client): UnaryTransport {
  const identity = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  return {
    kind: 'grpc-js',
    call(path, request, options) {
      return new Promise((resolve, reject) => {
        if (options.signal?.aborted) {
          reject(new GrpcCallError(grpc.status.CANCELLED, 'the call was cancelled before it started'));
          return;
        }
        const metadata = new grpc.Metadata();
        for (const [k, v] of Object.entries(options.metadata ?? {})) metadata.set(k, v);
        const call = client.makeUnaryRequest(
          path,
          identity,
          (b: Buffer) => b,
          request,
          metadata,
          { deadline: Date.now() + options.deadlineMs },
          (err, response) => {
            options.signal?.removeEventListener('abort', onAbort);
            if (err) reject(new GrpcCallError(err.code ?? grpc.status.UNKNOWN, err.details || err.message));
            else resolve(response ?? new Uint8Array());
          },
        );
        const onAbort = () => call.cancel();
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    close: () => client.close(),
  };
}
