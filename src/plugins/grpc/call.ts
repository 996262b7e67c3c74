import { status } from '@grpc/grpc-js';

/** The contract of one unary gRPC call, whichever client sends it (see unary-transport.ts). */
export interface UnaryCallOptions {
  deadlineMs: number;
  signal?: AbortSignal | undefined;
  /** extra request metadata (ASCII values) */
  metadata?: Record<string, string> | undefined;
}

export interface UnaryTransport {
  readonly kind: GrpcClientKind;
  call(path: string, request: Uint8Array, options: UnaryCallOptions): Promise<Uint8Array>;
  close(): void;
}

export const GRPC_CLIENT_KINDS = ['http2', 'grpc-js'] as const;
export type GrpcClientKind = (typeof GRPC_CLIENT_KINDS)[number];

/** A failed call, shaped like grpc-js's ServiceError (code, details) so callers treat both alike. */
export class GrpcCallError extends Error {
  override name = 'GrpcCallError';
  constructor(
    readonly code: status,
    readonly details: string,
  ) {
    super(`${code} ${status[code] ?? 'UNKNOWN'}: ${details}`);
  }
}

