import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSubgraphs } from '../../shared/composition/compose.ts';
import { startDemoSubgraphs, type DemoSubgraphs } from './subgraphs/index.ts';

let demo: DemoSubgraphs;
beforeAll(async () => {
  demo = await startDemoSubgraphs();
});
afterAll(() => demo.close());

async function query(name: string, query: string, variables?: Record<string, unknown>) {
  const url = demo.subgraphs.find((s) => s.name === name)!.url;
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: res.status,
    body: (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] },
  };
}

describe('demo subgraphs', { timeout: 30_000 }, () => {
  it('start on free ports and compose into one Federation v2 supergraph', () => {
    expect(demo.subgraphs.map((s) => s.name)).toEqual(['products', 'reviews', 'accounts']);
    expect(new Set(demo.subgraphs.map((s) => new URL(s.url).port)).size).toBe(3);
    const result = composeSubgraphs(demo.subgraphs);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.clientSchema).toContain('topProducts(first: Int = 5): [Product!]!');
  });

  it('serve their root fields with deterministic data', async () => {
    expect((await query('products', '{ topProducts { upc name } }')).body.data).toEqual({
      topProducts: [
        { upc: '1', name: 'Table' },
        { upc: '2', name: 'Couch' },
        { upc: '3', name: 'Chair' },
        { upc: '4', name: 'Lamp' },
        { upc: '5', name: 'Rug' },
      ],
    });
    expect((await query('products', '{ topProducts(first: 1) { price weight } }')).body.data).toEqual({
      topProducts: [{ price: 89900, weight: 12000 }],
    });
    expect((await query('accounts', '{ me { id name username } }')).body.data).toEqual({
      me: { id: '1', name: 'Ada Lovelace', username: '@ada' },
    });
  });

  it('resolve their entities by key, as the router will ask', async () => {
    const reviews = await query(
      'reviews',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Product { reviews { body rating author { id } } } ... on User { reviews { id } } } }',
      {
        r: [
          { __typename: 'Product', upc: '1' },
          { __typename: 'User', id: '3' },
        ],
      },
    );
    expect(reviews.body.data).toEqual({
      _entities: [
        {
          reviews: [
            { body: 'Sturdy and good value.', rating: 5, author: { id: '1' } },
            { body: 'Wobbles a little on tiles.', rating: 3, author: { id: '2' } },
          ],
        },
        { reviews: [{ id: '4' }, { id: '6' }] },
      ],
    });
    const users = await query(
      'accounts',
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { name } } }',
      {
        r: [
          { __typename: 'User', id: '2' },
          { __typename: 'User', id: '99' },
        ],
      },
    );
    expect(users.body.data).toEqual({ _entities: [{ name: 'Alan Turing' }, null] });
  });

  it('expose their SDL through _service for tools that introspect subgraphs', async () => {
    const res = await query('reviews', '{ _service { sdl } }');
    expect(JSON.stringify(res.body.data)).toContain('type Review');
  });

  it('honour fixed ports and free them on close', async () => {
    const first = await startDemoSubgraphs({ ports: { products: 0, reviews: 0, accounts: 0 } });
    const port = Number(new URL(first.subgraphs[0]!.url).port);
    await first.close();
    const again = await startDemoSubgraphs({ ports: { products: port } });
    expect(new URL(again.subgraphs[0]!.url).port).toBe(String(port));
    await again.close();
  });
});
