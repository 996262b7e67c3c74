import { describe, expect, it } from 'vitest';
import { createRouterFetcher } from './router-fetcher.ts';
import { createRunStore } from './run-store.ts';

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });
  }) as unknown as typeof fetch;
  return { impl, calls };
}

describe('router fetcher', () => {
  it('sends the selected flag and asks for the plan, ignoring a flag typed in the headers editor', async () => {
    const store = createRunStore();
    const { impl, calls } = fakeFetch(200, { data: { a: 1 }, extensions: { queryPlan: { kind: 'QueryPlan', source: 'observed', engine: 'hive', durationMs: 1, node: { kind: 'Fetch', id: 1, subgraph: 'products', operationKind: 'query', operation: '{a}', variables: [], entities: null, path: [], startMs: 0, durationMs: 1, errors: 0 } } } }, {
      'x-switchyard-served-by': 'flag:new-reviews',
      'x-switchyard-config': 'abc',
    });
    const fetcher = createRouterFetcher({ routerUrl: 'http://router/graphql', flag: 'new-reviews' }, store.actions, impl);
    const result = await fetcher({ query: '{ a }' }, { headers: { 'X-Feature-Flag': 'other', 'x-team': 'a' } });
    expect(result).toMatchObject({ data: { a: 1 } });
    const sent = calls[0]!.init.headers as Record<string, string>;
    expect(sent['x-feature-flag']).toBe('new-reviews');
    expect(sent['x-include-query-plan']).toBe('true');
    expect(sent['x-team']).toBe('a');
    expect(store.getState().last).toMatchObject({ servedBy: 'flag:new-reviews', configHash: 'abc', requestedTarget: 'flag:new-reviews', queryPlan: { node: { subgraph: 'products' } } });
  });

  it('sends no flag for the base graph and reports network failures as GraphQL errors', async () => {
    const store = createRunStore();
    const failing = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const fetcher = createRouterFetcher({ routerUrl: 'http://router/graphql', flag: null }, store.actions, failing);
    const result = (await fetcher({ query: "{ a }" })) as unknown as { errors: { message: string }[] };
    expect(result.errors[0]!.message).toMatch(/Could not reach the router at http:\/\/router\/graphql: Failed to fetch/);
    expect(store.getState()).toMatchObject({ running: false, last: { status: 0, requestedTarget: 'base' } });
  });

  it('turns a non-JSON answer into a readable error', async () => {
    const store = createRunStore();
    const { impl } = fakeFetch(502, '<html>Bad gateway</html>');
    const result = (await createRouterFetcher({ routerUrl: 'http://r', flag: null }, store.actions, impl)({ query: "{a}" })) as unknown as { errors: { message: string }[] };
    expect(result.errors[0]!.message).toMatch(/answered 502 with a body that is not JSON/);
  });
});
