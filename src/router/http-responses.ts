import type { IncomingMessage, ServerResponse } from 'node:http';
import { CONFIG_HASH_HEADER, SERVED_BY_HEADER } from '../shared/router-config.ts';

export interface CorsOptions {
  /** Exact origins, or "*" for any. */
  origins: string[];
}

const EXPOSED_HEADERS = [SERVED_BY_HEADER, CONFIG_HASH_HEADER].join(', ');

export function corsHeaders(req: IncomingMessage, cors: CorsOptions): Record<string, string> {
  const origin = req.headers.origin;
  if (!origin || !(cors.origins.includes('*') || cors.origins.includes(origin))) return {};
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-credentials': 'true',
    'access-control-expose-headers': EXPOSED_HEADERS,
    vary: 'Origin',
  };
}

export function sendGraphQLErrors(res: ServerResponse, status: number, message: string, code: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
