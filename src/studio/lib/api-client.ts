import type { ErrorBody } from '../../shared/api/errors.ts';
import type { MeResponse } from '../../shared/api/auth.ts';
import { apiPaths } from '../../shared/api/paths.ts';
import { CSRF_HEADER } from '../../shared/api/auth-constants.ts';

/** An API failure with the server's `{"error":{code,message,details}}`, or a network failure (status 0). */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** The message to show a person for any thrown value. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong';
}

/** Field messages from a 400 `validation_failed` answer, keyed by path ("email", "role"). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !error.details || typeof error.details !== 'object') return {};
  const issues = (error.details as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return {};
  const out: Record<string, string> = {};
  for (const issue of issues as { path?: unknown; message?: unknown }[]) {
    if (typeof issue.path === 'string' && typeof issue.message === 'string') out[issue.path] ??= issue.message;
  }
  return out;
}

// undefined: not asked yet; null: asked, and there is no session (or an API key).
let csrfToken: string | null | undefined;

/** The session's CSRF token, learnt from /auth/me, login and invitation acceptance. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

async function send(method: string, path: string, body: unknown, signal: AbortSignal | undefined): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE_METHODS.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? null : JSON.stringify(body),
      signal: signal ?? null,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new ApiError(0, 'network_error', 'Could not reach the Switchyard server. Check that it is running.');
  }
}

/** The ApiError for a failed answer's status and body text; also for requests sent without fetch (uploads). */
export function parseApiError(status: number, statusText: string, text: string): ApiError {
  try {
    const parsed = JSON.parse(text) as Partial<ErrorBody>;
    if (parsed.error && typeof parsed.error.message === 'string') {
      return new ApiError(status, parsed.error.code ?? 'unknown', parsed.error.message, parsed.error.details);
    }
  } catch {
    // Not our JSON (a proxy's HTML page, say): fall through to a generic message.
  }
  return new ApiError(status, 'unknown', `The server answered ${status} ${statusText}`.trim());
}

async function toApiError(res: Response): Promise<ApiError> {
  const text = await res.text().catch(() => '');
  return parseApiError(res.status, res.statusText, text);
}

/** A logged-in tab may not have asked /auth/me yet; writes need its token. */
async function refreshCsrfToken(signal: AbortSignal | undefined): Promise<void> {
  const res = await send('GET', apiPaths.me, undefined, signal);
  csrfToken = res.ok ? ((await res.json()) as MeResponse).csrfToken : null;
}

/**
 * The CSRF token for a write sent outside `request` (an upload with XMLHttpRequest, for its
 * progress events); `refresh` asks again after a `csrf_failed` answer.
 */
export async function csrfTokenForWrite(refresh = false): Promise<string | null> {
  if (refresh || csrfToken === undefined) await refreshCsrfToken(undefined);
  return csrfToken ?? null;
}

export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; signal?: AbortSignal | undefined } = {},
): Promise<T> {
  const { body, signal } = options;
  const isWrite = !SAFE_METHODS.has(method);
  if (isWrite && csrfToken === undefined) await refreshCsrfToken(signal);
  let res = await send(method, path, body, signal);
  if (isWrite && res.status === 403) {
    const error = await toApiError(res);
    if (error.code !== 'csrf_failed') throw error;
    // The session changed in another tab (logged out and in again): fetch the new token once.
    await refreshCsrfToken(signal);
    res = await send(method, path, body, signal);
  }
  if (!res.ok) {
    if (res.status === 401 && path === apiPaths.me) csrfToken = null;
    throw await toApiError(res);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};
