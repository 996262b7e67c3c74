import type { Fetcher } from '@graphiql/toolkit';
import {
  CONFIG_HASH_HEADER,
  FEATURE_FLAG_HEADER,
  QUERY_PLAN_HEADER,
  SERVED_BY_HEADER,
} from '../../../../shared/router-config.ts';
import { asQueryPlan } from './query-plan.ts';
import type { RunActions } from './run-store.ts';
import type { OutgoingRequest } from './prepare-request.ts';

export interface RouterTarget {
  routerUrl: string;
  /** null for the base graph */
  flag: string | null;
}

type FetchResult = Awaited<ReturnType<Fetcher>>;

export const targetLabel = (flag: string | null) => (flag ? `flag:${flag}` : 'base');

/**
 * Sends GraphiQL's requests to the staging router with the chosen flag, asks for the
 * query plan, and records what the router says it served, so the page can show it.
 */
export function createRouterFetcher(
  target: RouterTarget,
  actions: RunActions,
  fetchImpl: typeof fetch = fetch,
  /** Preflight script and environment substitution; throwing stops the request. */
  prepare?: (request: OutgoingRequest) => Promise<OutgoingRequest>,
): Fetcher {
  return async (params, opts) => {
    const typed: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts?.headers ?? {})) {
      if (v !== undefined && v !== null) typed[k.toLowerCase()] = String(v);
    }
    const requestedTarget = targetLabel(target.flag);
    actions.started();
    let outgoing: OutgoingRequest = { url: target.routerUrl, headers: typed, variables: params.variables ?? undefined };
    if (prepare) {
      try {
        outgoing = await prepare(outgoing);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        actions.finished({ ...emptyRun(requestedTarget), stopped: message });
        return { errors: [{ message }] } as unknown as FetchResult;
      }
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...outgoing.headers,
      [QUERY_PLAN_HEADER]: 'true',
    };
    // The target selector decides the flag; a header typed in the editor must not silently override it.
    delete headers[FEATURE_FLAG_HEADER];
    if (target.flag) headers[FEATURE_FLAG_HEADER] = target.flag;

    const started = performance.now();
    let res: Response;
    try {
      res = await fetchImpl(outgoing.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: params.query, variables: outgoing.variables ?? undefined, operationName: params.operationName ?? undefined }),
      });
    } catch (err) {
      const message = `Could not reach the router at ${outgoing.url}: ${err instanceof Error ? err.message : String(err)}`;
      actions.finished({ ...emptyRun(requestedTarget), durationMs: performance.now() - started, networkError: message });
      return { errors: [{ message }] } as unknown as FetchResult;
    }
    const text = await res.text();
    const durationMs = performance.now() - started;
    let body: { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> };
    try {
      body = JSON.parse(text);
    } catch {
      body = { errors: [{ message: `The router answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}` }] };
    }
    actions.finished({
      servedBy: res.headers.get(SERVED_BY_HEADER),
      configHash: res.headers.get(CONFIG_HASH_HEADER),
      status: res.status,
      durationMs,
      queryPlan: asQueryPlan(body.extensions?.queryPlan),
      requestedTarget,
      at: Date.now(),
      networkError: null,
      stopped: null,
    });
    return body as unknown as FetchResult;
  };
}

const emptyRun = (requestedTarget: string) => ({
  servedBy: null,
  configHash: null,
  status: 0,
  durationMs: 0,
  queryPlan: null,
  requestedTarget,
  at: Date.now(),
  networkError: null,
  stopped: null,
});
