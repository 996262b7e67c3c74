import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { abortError, type SubgraphCall } from './subgraph-call.ts';
import { callOfFetch } from './subgraph-calls.ts';

/**
 * The HTTP client of subgraph calls (decision 0017). The engine's default fetch
 * (@whatwg-node/node-fetch) builds a ponyfilled Request and Headers per call, pipes every
 * response through a PassThrough stream and reads it back through a ponyfilled ReadableStream:
 * a CPU profile of the router under load put about a tenth of its CPU there. A subgraph call
 * is a POST of a JSON string whose answer is read whole, so this client sends it with
 * node:http on a keep-alive agent and hands the engine a small response over the buffered body.
 *
 * Anything else keeps the engine's fetch: other methods (GET queries, subscriptions), bodies
 * that are not strings (file uploads), other protocols, `redirect` other than the default, and
 * calls that ask for an event stream. Streamed answers (multipart/mixed for @defer,
 * text/event-stream) are handed over unbuffered, and redirects are followed by the engine's fetch.
 */
export function useSubgraphHttpClient(): GatewayPlugin {
  return {
    onFetch({ url, options, fetchFn, setFetchFn, setOptions, info, executionRequest }) {
      // The call's deadline and cancellation (subgraph-calls.ts), where the router tracks it.
      const call = callOfFetch(info, executionRequest);
      if (!isSimpleCall(url, options)) {
        if (call) setOptions({ ...options, signal: call.signal });
        return;
      }
      const fallback = fetchFn as Fallback;
      setFetchFn((u, init) => sendCall(String(u), init as RequestInit, fallback, call));
    },
  };
}

type Fallback = (url: string, init: RequestInit) => Promise<Response>;

// One pair for the process: sockets to a subgraph are shared by every gateway a config swap
// builds. As node's global agent: idle sockets end after 5 s (and sooner when the subgraph's
// Keep-Alive header says so), so the router rarely writes to one the subgraph has closed.
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', timeout: 5_000 } as const;
const agents = {
  'http:': new http.Agent(AGENT_OPTIONS),
  'https:': new https.Agent(AGENT_OPTIONS),
};

function isSimpleCall(url: string, options: RequestInit | undefined): boolean {
  if (!options || options.method !== 'POST' || typeof options.body !== 'string') return false;
  if (options.redirect !== undefined && options.redirect !== 'follow') return false;
  if (!url.startsWith('http://') && !url.startsWith('https://')) return false;
  const accept = headerValue(options.headers, 'accept');
  return !accept?.includes('text/event-stream');
}

function headerValue(headers: HeadersInit | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  if (Array.isArray(headers)) return headers.find(([k]) => k?.toLowerCase() === name)?.[1];
  return (headers as Record<string, string>)[name];
}

function toNodeHeaders(headers: HeadersInit | undefined, body: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof (headers as Headers | undefined)?.forEach === 'function' && !Array.isArray(headers))
    (headers as Headers).forEach((v, k) => (out[k] = v));
  else if (Array.isArray(headers)) for (const [k, v] of headers) out[k!.toLowerCase()] = v!;
  else if (headers) for (const [k, v] of Object.entries(headers)) out[k.toLowerCase()] = v;
  out['content-length'] = String(Buffer.byteLength(body));
  // As the engine's fetch does; some servers refuse requests without one.
  out['user-agent'] ??= 'node';
  return out;
}

function sendCall(
  url: string,
  init: RequestInit,
  fallback: Fallback,
  call: SubgraphCall | undefined,
  retried = false,
): Promise<Response> {
  // A call of ours is stopped through `call`; a fetch the router does not track keeps its signal.
  const aborted = () => (call ? call.aborted : (init.signal?.aborted ?? false));
  const reason = () => (call ? call.reason : init.signal?.reason);
  // Redirects and other hand-overs go to the engine's fetch, which needs a signal.
  const handOver = (u: string) => fallback(u, call ? { ...init, signal: call.signal } : init);
  if (call?.aborted) return Promise.reject(abortError(call.reason));
  return new Promise<Response>((resolve, reject) => {
    const body = init.body as string;
    const target = new URL(url);
    const agent = agents[target.protocol as keyof typeof agents];
    const request = (target.protocol === 'https:' ? https : http).request(target, {
      method: 'POST',
      headers: toNodeHeaders(init.headers, body),
      agent,
      signal: call ? undefined : (init.signal ?? undefined),
    });
    call?.onAbort((why) => request.destroy(abortError(why)));
    let answered = false;
    request.once('error', (err: NodeJS.ErrnoException) => {
      // A kept-alive socket the subgraph closed just as we wrote to it: most likely the subgraph
      // never read the request, so it is sent once more on a new socket (as node's documentation
      // advises for idempotent requests). Only queries: a subgraph that read a mutation and then
      // dropped the socket may have run it, and running it twice is worse than an error.
      if (
        !answered &&
        !retried &&
        request.reusedSocket &&
        !aborted() &&
        RESET.has(err.code ?? '') &&
        !isMutation(body)
      )
        resolve(sendCall(url, init, fallback, call, true));
      else reject(err);
    });
    request.once('response', (res) => {
      answered = true;
      const status = res.statusCode ?? 200;
      const location = res.headers.location;
      if (location && REDIRECTS.has(status)) {
        res.resume();
        call?.onAbort(null);
        resolve(handOver(new URL(location, url).toString()));
        return;
      }
      const contentType = String(res.headers['content-type'] ?? '');
      if (contentType.includes('multipart/mixed') || contentType.includes('text/event-stream')) {
        resolve(new SubgraphResponse(url, res, null) as unknown as Response);
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.once('error', reject);
      res.once('aborted', () => reject(reason() ?? new Error('The subgraph closed the connection mid-answer')));
      res.once('end', () => {
        call?.onAbort(null);
        try {
          resolve(new SubgraphResponse(url, res, decode(res.headers, Buffer.concat(chunks))) as unknown as Response);
        } catch (err) {
          reject(err);
        }
      });
    });
    request.end(body);
  });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const RESET = new Set(['ECONNRESET', 'EPIPE']);

/** The engine prints subgraph operations itself (no comments), so the keyword leads. */
function isMutation(body: string): boolean {
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query !== 'string' || /^\s*mutation\b/.test(query);
  } catch {
    return true; // not a body we can read: do not guess that it is safe to repeat
  }
}

function decode(headers: IncomingHttpHeaders, raw: Buffer): Buffer {
  switch (headers['content-encoding']) {
    case undefined:
    case 'identity':
      return raw;
    case 'gzip':
    case 'x-gzip':
      return zlib.gunzipSync(raw);
    case 'deflate':
    case 'x-deflate':
      return zlib.inflateSync(raw);
    case 'br':
      return zlib.brotliDecompressSync(raw);
    default:
      throw new Error(`The subgraph answered with an unsupported content-encoding: ${headers['content-encoding']}`);
  }
}

/**
 * What the engine reads of a subgraph's answer (status, headers, text or the stream), from a
 * node:http response. `body` is the buffered body as a stream only if someone asks for it.
 */
class SubgraphResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: NodeHeaders;
  readonly redirected = false;
  readonly type = 'basic';
  bodyUsed = false;
  private stream: ReadableStream<Uint8Array> | IncomingMessage | null = null;

  constructor(
    readonly url: string,
    res: IncomingMessage,
    private readonly buffered: Buffer | null,
  ) {
    this.status = res.statusCode ?? 200;
    this.statusText = res.statusMessage ?? http.STATUS_CODES[this.status] ?? '';
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new NodeHeaders(res.headers);
    if (!buffered) {
      const type = String(res.headers['content-type'] ?? '');
      // The engine reads multipart answers from a node stream (meros) and event streams
      // through a web stream reader.
      this.stream = type.includes('text/event-stream') ? (Readable.toWeb(res) as ReadableStream<Uint8Array>) : res;
    }
  }

  get body(): ReadableStream<Uint8Array> | IncomingMessage | null {
    if (!this.stream && this.buffered) this.stream = new Response(new Uint8Array(this.buffered)).body;
    return this.stream;
  }

  text(): Promise<string> {
    return this.read().then((b) => b.toString('utf8'));
  }

  json(): Promise<unknown> {
    return this.text().then((t) => JSON.parse(t) as unknown);
  }

  arrayBuffer(): Promise<ArrayBuffer> {
    return this.read().then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
  }

  private read(): Promise<Buffer> {
    if (this.bodyUsed) return Promise.reject(new TypeError('Body has already been read'));
    this.bodyUsed = true;
    if (this.buffered) return Promise.resolve(this.buffered);
    return new Response(this.body as ReadableStream<Uint8Array>).arrayBuffer().then((a) => Buffer.from(a));
  }
}

/** The response headers, read in place (node:http has already lower-cased the names). */
class NodeHeaders {
  constructor(private readonly raw: IncomingHttpHeaders) {}

  get(name: string): string | null {
    const v = this.raw[name.toLowerCase()];
    if (v === undefined) return null;
    return Array.isArray(v) ? v.join(', ') : v;
  }

  has(name: string): boolean {
    return this.raw[name.toLowerCase()] !== undefined;
  }

  getSetCookie(): string[] {
    return this.raw['set-cookie'] ?? [];
  }

  forEach(fn: (value: string, name: string, headers: NodeHeaders) => void): void {
    for (const [name, value] of this.entries()) fn(value, name, this);
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of Object.keys(this.raw).sort()) {
      const v = this.get(name);
      if (v !== null) yield [name, v];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
}
