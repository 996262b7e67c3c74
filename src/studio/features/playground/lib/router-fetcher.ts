import type { Fetcher } from '@graphiql/toolkit';
import {
  CONFIG_HASH_HEADER,
  FEATURE_FLAG_HEADER,
  QUERY_PLAN_HEADER,
  SERVED_BY_HEADER,
} from '../../../../shared/router-config.ts';
import { asQueryPlan } from './query-plan.ts';
import type { RunActions } from './run-store.ts';

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
export function createRouterFetcher(target: RouterTarget, actions: RunActions, fetchImpl: typeof fetch = fetch): Fetcher {
  return async (params, opts) => {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      [QUERY_PLAN_HEADER]: 'true',
    };
    for (const [k, v] of Object.entries(opts?.headers ?? {})) {
      if (v !== undefined && v !== null) headers[k.toLowerCase()] = String(v);
    }
    // The target selector decides the flag; a header typed in the editor must not silently override it.
    delete headers[FEATURE_FLAG_HEADER];
    if (target.flag) headers[FEATURE_FLAG_HEADER] = target.flag;

    const requestedTarget = targetLabel(target.flag);
    actions.started();
    const started = performance.now();
    let res: Response;
    try {
      res = await fetchImpl(target.routerUrl, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: params.query, variables: params.variables ?? undefined, operationName: params.operationName ?? undefined }),
      });
    } catch (err) {
      const message = `Could not reach the router at ${target.routerUrl}: ${err instanceof Error ? err.message : String(err)}`;
      actions.finished({
        servedBy: null,
        configHash: null,
        status: 0,
        durationMs: performance.now() - started,
        queryPlan: null,
        requestedTarget,
        at: Date.now(),
        networkError: message,
      });
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
    });
    return body as unknown as FetchResult;
  };
}
