import { resolveValues, substitute, substituteDeep } from './environment.ts';
import { runPreflight } from './preflight.ts';
import type { SessionStore } from './session-store.ts';

export interface OutgoingRequest {
  url: string;
  headers: Record<string, string>;
  variables: unknown;
}

/**
 * What happens between Run and the router: the preflight script (when there is one and the
 * person has it on), then `{{name}}` substitution in the endpoint, headers and variables.
 * Throws with a message saying what stopped the request.
 */
export async function prepareRequest(session: SessionStore, request: OutgoingRequest): Promise<OutgoingRequest> {
  const s = session.getState();
  let values = resolveValues(s.shared, s.personal);
  let scriptHeaders: Record<string, string> = {};
  if (s.preflightEnabled && s.script.trim()) {
    session.actions.preflightStarted();
    try {
      const result = await runPreflight(s.script, values, session.actions.preflightLog);
      session.actions.scriptSetValues(result.environment);
      values = { ...values, ...result.environment };
      scriptHeaders = result.headers;
      session.actions.preflightFinished(null);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      session.actions.preflightFinished(message);
      throw new Error(`${message} The request was not sent.`);
    }
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k] = substitute(v, values, `the ${k} header`);
  const path = s.endpointPath ? (s.endpointPath.startsWith('/') ? s.endpointPath : `/${s.endpointPath}`) : null;
  const url = path ? new URL(request.url).origin + path : request.url;
  return {
    url: substitute(url, values, 'the endpoint path'),
    headers: { ...headers, ...scriptHeaders },
    variables: substituteDeep(request.variables, values, 'the variables'),
  };
}
