import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CONFIG_HASH_HEADER,
  FEATURE_FLAG_COOKIE,
  FEATURE_FLAG_HEADER,
  QUERY_PLAN_HEADER,
  SERVED_BY_HEADER,
} from '../shared/router-config.ts';
import { GRAPHQL_PATH } from './gateway.ts';
import type { GatewayHandle } from './gateway-handle.ts';
import { corsHeaders, sendGraphQLErrors, sendJson } from './http-responses.ts';
import type { HttpDeps } from './serving-state.ts';
import { parseJsonBody } from './preparsed-body.ts';
import { QueryPlanRecorder } from './query-plan.ts';
import { ClientCalls, serverContextFor, type RequestState } from './request-state.ts';

const ALLOWED_HEADERS = ['content-type', FEATURE_FLAG_HEADER, QUERY_PLAN_HEADER, 'authorization'];
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'content-length',
  'expect',
]);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** /graphql: CORS, size limits, flag selection, then the selected gateway engine. */
export async function serveGraphQL(req: IncomingMessage, res: ServerResponse, deps: HttpDeps): Promise<void> {
  const started = performance.now();
  const cors = corsHeaders(req, deps.cors);
  for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
  if (req.method === 'OPTIONS') {
    if (!cors['access-control-allow-origin'])
      return sendJson(res, 403, {
        error: {
          code: 'CORS_ORIGIN_NOT_ALLOWED',
          message: `Origin ${req.headers.origin ?? '(none)'} may not call this router`,
        },
      });
    const requested = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean);
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': [...new Set([...ALLOWED_HEADERS, ...requested])].join(', '),
      'access-control-max-age': '600',
    });
    res.end();
    return;
  }

  let servedBy = 'none';
  let handle: GatewayHandle | undefined;
  const state: RequestState = { plan: null, hadErrors: false, calls: new ClientCalls() };
  let closed = false;
  res.once('close', () => {
    closed = true;
    if (!res.writableFinished) state.calls.cancel(new DOMException('The client closed the connection', 'AbortError'));
    handle?.release();
    const failed = res.statusCode >= 400 || state.hadErrors;
    deps.metrics.observeRequest(servedBy, res.statusCode, failed, (performance.now() - started) / 1000);
    deps.log.debug('graphql request', {
      method: req.method,
      status: res.statusCode,
      servedBy,
      ms: Math.round(performance.now() - started),
    });
  });

  try {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST, OPTIONS');
      throw new HttpError(
        405,
        'METHOD_NOT_ALLOWED',
        `${req.method} is not supported on ${GRAPHQL_PATH}; use GET or POST`,
      );
    }
    const body = req.method === 'POST' ? await readBody(req, deps.limits.maxBodyBytes) : undefined;
    // The client left while we read; pinning a gateway now would never be released.
    if (closed) return;

    // Select and pin the gateway in one synchronous step, so a config swap cannot dispose it
    // between the choice and the request.
    const serving = deps.getState();
    if (!serving)
      throw new HttpError(
        503,
        'ROUTER_NOT_READY',
        'The router has no config yet; it is waiting for the control plane or a config file',
      );
    const flag = requestedFlag(req);
    if (flag !== null) {
      handle = serving.flags.get(flag);
      if (!handle) {
        const graph = `${serving.config.graph.namespace}/${serving.config.graph.name}`;
        const enabled = [...serving.flags.keys()];
        throw new HttpError(
          404,
          'FEATURE_FLAG_NOT_FOUND',
          `Feature flag "${flag}" is not enabled for graph "${graph}" (it does not exist, is disabled, or did not compose). ` +
            `Enabled flags: ${enabled.length ? enabled.join(', ') : 'none'}.`,
        );
      }
    } else {
      handle = serving.base;
    }
    handle.acquire();
    servedBy = handle.servedBy;
    res.setHeader(SERVED_BY_HEADER, servedBy);
    res.setHeader(CONFIG_HASH_HEADER, serving.hash);

    let gateway;
    try {
      gateway = await handle.get();
    } catch (err) {
      const what = flag === null ? 'The base graph' : `Feature flag "${flag}"`;
      throw new HttpError(
        503,
        'GATEWAY_UNAVAILABLE',
        `${what} could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
      );
    }

    if (String(req.headers[QUERY_PLAN_HEADER] ?? '').toLowerCase() === 'true')
      state.plan = new QueryPlanRecorder();
    const params = body ? parseJsonBody(req.headers, body) : null;
    if (params) state.params = params;
    const response = await gateway.fetch(
      `http://router${req.url ?? GRAPHQL_PATH}`,
      { method: req.method, headers: forwardHeaders(req), body: !params && body && body.length > 0 ? body : undefined },
      serverContextFor(state),
    );
    if (response.status >= 400 && !response.body) throw emptyRefusal(req, response.status);
    await writeResponse(res, response);
  } catch (err) {
    if (!(err instanceof HttpError)) throw err;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err.status === 413) res.setHeader('connection', 'close');
    sendGraphQLErrors(res, err.status, err.message, err.code);
  }
}

/**
 * The engine refuses some requests with a bare status and no body (415 for a content type
 * it has no parser for); the router answers every refusal with a GraphQL error that says why.
 */
function emptyRefusal(req: IncomingMessage, status: number): HttpError {
  if (status === 415)
    return new HttpError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Content-Type "${(req.headers['content-type'] ?? '(none)').slice(0, 100)}" is not supported on ${GRAPHQL_PATH}; send application/json`,
    );
  return new HttpError(status, 'REQUEST_REFUSED', `The request was refused (HTTP ${status})`);
}

/** The flag named by the X-Feature-Flag header, else by the feature_flag cookie; null for the base graph. */
function requestedFlag(req: IncomingMessage): string | null {
  const header = req.headers[FEATURE_FLAG_HEADER];
  const fromHeader = (Array.isArray(header) ? header[0] : header)?.trim();
  if (fromHeader) return fromHeader.slice(0, 200);
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== FEATURE_FLAG_COOKIE) continue;
    const raw = part.slice(eq + 1).trim();
    let value = raw;
    try {
      value = decodeURIComponent(raw);
    } catch {
      // a malformed escape is taken literally, and will simply name no flag
    }
    if (value) return value.slice(0, 200);
  }
  return null;
}

function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) {
    req.resume();
    return Promise.reject(
      new HttpError(413, 'REQUEST_TOO_LARGE', `Request body is too large: more than ${max} bytes`),
    );
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'REQUEST_TOO_LARGE', `Request body is too large: more than ${max} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => reject(new HttpError(400, 'BAD_REQUEST', 'The request body could not be read')));
    req.once('close', () => {
      if (!req.complete)
        reject(new HttpError(400, 'BAD_REQUEST', 'The client closed the connection mid-request'));
    });
  });
}

/**
 * The client's headers for the engine, as a plain record rather than a Headers object: the
 * engine's Request reads a record in place, where a Headers object costs a WebIDL-checked copy
 * per request and a call per lookup. node:http has lower-cased the names and joined repeated
 * headers, except set-cookie (an array), which is joined here as Headers would.
 */
function forwardHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name in req.headers) {
    const value = req.headers[name];
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

async function writeResponse(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name === 'content-length' || name === 'set-cookie' || HOP_BY_HOP.has(name)) return;
    res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader('set-cookie', cookies);
  if (!response.body) {
    res.end();
    return;
  }
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/event-stream') && !contentType.startsWith('multipart/')) {
    const buf = Buffer.from(await response.arrayBuffer());
    if (res.statusCode === 200 && isRequestError(buf)) res.statusCode = 400;
    res.setHeader('content-length', buf.length);
    res.end(buf);
    return;
  }
  // Streamed results (subscriptions, @defer): forward chunk by chunk; stop if the client leaves.
  const reader = response.body.getReader();
  res.once('close', () => void reader.cancel().catch(() => undefined));
  for (;;) {
    const { done, value } = await reader.read();
    if (done || res.destroyed) break;
    res.write(value);
  }
  res.end();
}

/**
 * A result with errors and no `data` means the request itself was refused (unparsable,
 * invalid, over a limit). Yoga answers those with 200 when the client accepts only
 * application/json; the router answers 400 whatever the Accept header, so clients and
 * dashboards see a refused request as one.
 */
function isRequestError(body: Buffer): boolean {
  if (!body.subarray(0, 10).equals(ERRORS_PREFIX)) return false;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    return !('data' in parsed);
  } catch {
    return false;
  }
}

const ERRORS_PREFIX = Buffer.from('{"errors":');
