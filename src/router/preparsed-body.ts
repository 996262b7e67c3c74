import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { requestStateOf } from './request-state.ts';

/**
 * The router reads every POST body itself (to enforce its size limit before anything else),
 * so it also parses a JSON body once and hands the engine the parsed parameters instead of
 * the bytes. Given bytes, the engine (Yoga) wraps the body in a size-limiting stream pipeline
 * and reads it back through the fetch API: about a tenth of the router's CPU per request in
 * a profile, for a limit the router has already applied.
 *
 * Only bodies that Yoga's JSON parser would accept take this path (valid JSON, an object or
 * an array); anything else goes to the engine as bytes, so its errors stay exactly Yoga's.
 */
export function parseJsonBody(headers: IncomingHttpHeaders, body: Buffer): object | null {
  if (!isJsonContentType(headers['content-type'])) return null;
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Exactly the content types Yoga's JSON parser takes (its isPOSTJsonRequest, which it does
 * not export): the first of a list, the type alone or followed by ";", matched as written.
 * A looser match here would send requests to the engine that it refuses when they come as
 * bytes (415 for "Application/JSON"), so the same request would be answered two ways.
 */
function isJsonContentType(header: string | undefined): boolean {
  const type = header?.split(',')[0];
  return !!type && JSON_TYPES.some((t) => type === t || type.startsWith(`${t};`));
}

const JSON_TYPES = ['application/json', 'application/graphql+json'];

/** Gives the engine the parameters parsed by the HTTP layer (RequestState.params) as the request's. */
export function usePreparsedBody(): GatewayPlugin {
  return {
    onRequestParse({ serverContext, setRequestParser }) {
      const params = requestStateOf(serverContext)?.params;
      if (params) setRequestParser(() => params as never);
    },
  };
}
