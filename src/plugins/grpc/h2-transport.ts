import { status } from '@grpc/grpc-js';
import http2 from 'node:http2';
import net from 'node:net';
import zlib from 'node:zlib';
import { GrpcCallError, type UnaryCallOptions, type UnaryTransport } from './call.ts';
import { grpcTarget } from './unary.ts';

/**
 * Unary gRPC over one HTTP/2 connection (h2c), written against the gRPC wire protocol
 * (PROTOCOL-HTTP2.md): a POST to /<package.Service>/<Method> with content-type
 * application/grpc, te: trailers and grpc-timeout; the body is one length-prefixed
 * message; grpc-status and grpc-message come in the trailers (or, "trailers-only", in
 * the response headers). Per call it does a fraction of what grpc-js does (no
 * interceptor chain, filter stack, retry buffer or per-call async resources), which is
 * most of the router's CPU per plugin call; docs/decisions/0005 has the measurements.
 *
 * The connection is made on first use and replaced after it closes or the server sends
 * GOAWAY, so a restarted plugin (new socket) or service is picked up by the next call.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

interface Endpoint {
  /** what the error messages call it */
  label: string;
  authority: string;
  connect(): http2.ClientHttp2Session;
}

export function parseTarget(target: string): Endpoint {
  // The same address forms the grpc-js client accepts, read the same way.
  const normalized = grpcTarget(target);
  const unixPath = /^unix:(?:\/\/)?(\/.*)$/.exec(normalized)?.[1];
  if (unixPath) {
    return {
      label: `unix:${unixPath}`,
      authority: 'localhost',
      connect: () => http2.connect('http://localhost', { ...sessionOptions, createConnection: () => net.connect(unixPath) }),
    };
  }
  const hostPort = normalized
    .replace(/^dns:(\/\/[^/]*\/)?/, '')
    .replace(/^ipv[46]:/, '')
    .split(',')[0]!;
  const m = /^(\[[^\]]+\]|[^:/]+):(\d+)$/.exec(hostPort);
  if (!m) throw new Error(`"${target}" is not a gRPC address (host:port or unix:/path)`);
  const authority = `${m[1]}:${m[2]}`;
  return { label: authority, authority, connect: () => http2.connect(`http://${authority}`, sessionOptions) };
}

const sessionOptions: http2.ClientSessionOptions = {
  // Large responses (up to MAX_RESPONSE_BYTES) must not trip nghttp2's default 10 MB session budget.
  maxSessionMemory: 128,
  settings: { enablePush: false, initialWindowSize: 4 * 1024 * 1024 },
};

export function createH2Transport(target: string): UnaryTransport {
  const endpoint = parseTarget(target);
  let session: http2.ClientHttp2Session | null = null;
  let sessionError: Error | null = null;
  let active = 0;
  let closed = false;

  const open = (): http2.ClientHttp2Session => {
    if (session && !session.closed && !session.destroyed) return session;
    const s = endpoint.connect();
    sessionError = null;
    const forget = () => {
      if (session === s) session = null;
    };
    s.on('error', (err: Error) => {
      if (session === s) sessionError = err;
      forget();
    });
    s.on('goaway', forget);
    s.on('close', forget);
    s.on('connect', () => s.setLocalWindowSize(16 * 1024 * 1024));
    if (active === 0) s.unref();
    session = s;
    return s;
  };

  const call = (path: string, request: Uint8Array, options: UnaryCallOptions): Promise<Uint8Array> =>
    new Promise((resolve, reject) => {
      if (closed) return reject(new GrpcCallError(status.UNAVAILABLE, `the channel to ${endpoint.label} is closed`));
      if (options.signal?.aborted)
        return reject(new GrpcCallError(status.CANCELLED, 'the call was cancelled before it started'));
      let stream: http2.ClientHttp2Stream;
      let s: http2.ClientHttp2Session;
      const headers: http2.OutgoingHttpHeaders = {
        ':method': 'POST',
        ':scheme': 'http',
        ':path': path,
        ':authority': endpoint.authority,
        'content-type': 'application/grpc',
        te: 'trailers',
        'grpc-timeout': grpcTimeout(options.deadlineMs),
        'grpc-accept-encoding': 'identity,gzip,deflate',
        'user-agent': 'switchyard-router',
        ...options.metadata,
      };
      try {
        s = open();
        stream = s.request(headers);
      } catch {
        // The session was closing under us (GOAWAY raced the call): one fresh connection.
        session = null;
        try {
          s = open();
          stream = s.request(headers);
        } catch (err) {
          return reject(unavailable(endpoint.label, err));
        }
      }
      if (active++ === 0) s.ref();

      let settled = false;
      let httpStatus = 0;
      let contentType = '';
      let encoding = 'identity';
      let grpcStatus: number | null = null;
      let grpcMessage = '';
      let streamError: Error | null = null;
      const chunks: Buffer[] = [];
      let received = 0;

      const finish = (err: GrpcCallError | null, value?: Uint8Array) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (--active === 0 && !s.destroyed) s.unref();
        if (err) reject(err);
        else resolve(value!);
      };
      const cancel = (err: GrpcCallError) => {
        finish(err);
        if (!stream.closed) stream.close(http2.constants.NGHTTP2_CANCEL);
      };
      const timer = setTimeout(
        () => cancel(new GrpcCallError(status.DEADLINE_EXCEEDED, `deadline of ${options.deadlineMs} ms exceeded`)),
        options.deadlineMs,
      );
      const onAbort = () => cancel(new GrpcCallError(status.CANCELLED, 'the call was cancelled'));
      options.signal?.addEventListener('abort', onAbort, { once: true });

      const readStatus = (h: http2.IncomingHttpHeaders) => {
        if (h['grpc-status'] === undefined) return;
        grpcStatus = Number(h['grpc-status']);
        grpcMessage = percentDecode(String(h['grpc-message'] ?? ''));
      };
      stream.on('response', (h) => {
        httpStatus = Number(h[':status']);
        contentType = String(h['content-type'] ?? '');
        encoding = String(h['grpc-encoding'] ?? 'identity');
        readStatus(h);
      });
      stream.on('trailers', readStatus);
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > MAX_RESPONSE_BYTES + 5) {
          cancel(
            new GrpcCallError(status.RESOURCE_EXHAUSTED, `response larger than ${MAX_RESPONSE_BYTES} bytes`),
          );
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (err: Error) => (streamError = err));
      stream.on('close', () => {
        if (settled) return;
        if (httpStatus && httpStatus !== 200) {
          return finish(new GrpcCallError(codeForHttpStatus(httpStatus), `HTTP ${httpStatus} from ${endpoint.label}`));
        }
        if (httpStatus && !contentType.startsWith('application/grpc')) {
          return finish(new GrpcCallError(status.UNKNOWN, `${endpoint.label} answered with content-type "${contentType}"`));
        }
        if (grpcStatus === null) {
          if (stream.rstCode === http2.constants.NGHTTP2_REFUSED_STREAM || !httpStatus) {
            return finish(unavailable(endpoint.label, streamError ?? sessionError));
          }
          const why = streamError?.message ?? `stream closed (code ${stream.rstCode}) without a grpc-status`;
          return finish(new GrpcCallError(status.INTERNAL, why));
        }
        if (grpcStatus !== status.OK) return finish(new GrpcCallError(grpcStatus, grpcMessage));
        try {
          finish(null, readMessage(Buffer.concat(chunks, received), encoding));
        } catch (err) {
          finish(new GrpcCallError(status.INTERNAL, err instanceof Error ? err.message : String(err)));
        }
      });
      stream.end(frame(request));
    });

  return {
    kind: 'http2',
    call,
    close() {
      closed = true;
      session?.close();
      session = null;
    },
  };
}

function frame(message: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(5 + message.length);
  out[0] = 0;
  out.writeUInt32BE(message.length, 1);
  out.set(message, 5);
  return out;
}

/** The one length-prefixed message of a unary response. */
function readMessage(body: Buffer, encoding: string): Uint8Array {
  if (body.length < 5) throw new Error('the response has no message');
  const compressed = body[0] === 1;
  const length = body.readUInt32BE(1);
  if (body.length < 5 + length) throw new Error('the response message is truncated');
  const message = body.subarray(5, 5 + length);
  if (!compressed) return message;
  if (encoding === 'gzip') return zlib.gunzipSync(message);
  if (encoding === 'deflate') return zlib.inflateSync(message);
  throw new Error(`the response is compressed with "${encoding}", which this client did not offer`);
}

/** grpc-timeout: at most 8 digits and a unit. */
function grpcTimeout(ms: number): string {
  const value = Math.max(1, Math.ceil(ms));
  return value < 1e8 ? `${value}m` : `${Math.min(99_999_999, Math.ceil(value / 1000))}S`;
}

function percentDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function unavailable(label: string, err: unknown): GrpcCallError {
  const why = err instanceof Error ? err.message : err ? String(err) : 'the connection closed';
  return new GrpcCallError(status.UNAVAILABLE, `${label}: ${why}`);
}

/** gRPC's mapping of HTTP statuses for answers that are not gRPC (doc/http-grpc-status-mapping.md). */
function codeForHttpStatus(httpStatus: number): status {
  switch (httpStatus) {
    case 400:
      return status.INTERNAL;
    case 401:
      return status.UNAUTHENTICATED;
    case 403:
      return status.PERMISSION_DENIED;
    case 404:
      return status.UNIMPLEMENTED;
    case 429:
    case 502:
    case 503:
    case 504:
      return status.UNAVAILABLE;
    default:
      return status.UNKNOWN;
  }
}
