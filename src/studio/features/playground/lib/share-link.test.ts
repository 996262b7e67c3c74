import { describe, expect, it } from 'vitest';
import { fromSearchParams, toSearchParams } from './share-link.ts';

describe('playground share links', () => {
  it('round-trip query, variables, headers, graph and flag, unicode included', () => {
    const state = {
      graph: 'default/demo',
      flag: 'new-reviews',
      query: 'query Top {\n  topProducts(first: 2) { name # ünïcode ✓\n  }\n}',
      variables: '{"first": 2}',
      headers: '{"x-team": "a/b+c"}',
      path: '/graphql?tenant={{tenant}}&a=b+c',
    };
    const params = toSearchParams(state);
    const url = `http://studio/o/acme/playground?${params.toString()}`;
    expect(fromSearchParams(new URL(url).searchParams)).toEqual(state);
  });

  it('leave out what is empty and survive garbage', () => {
    const params = toSearchParams({ graph: 'default/demo', flag: null, query: null, variables: '  ', headers: null, path: ' ' });
    expect([...params.keys()]).toEqual(['graph']);
    expect(fromSearchParams(new URLSearchParams('query=%%%not-base64'))).toMatchObject({ query: null });
  });
});
