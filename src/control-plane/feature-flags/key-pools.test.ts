import { describe, expect, it } from 'vitest';
import { accountsSdl, productsSdl, reviewsSdl } from '../demo/subgraphs/index.ts';
import { keyTargets, withPools } from './key-pools.ts';

describe('key pools', () => {
  it('targets the entities another subgraph resolves, not the mock’s own', () => {
    const targets = keyTargets(reviewsSdl, [
      { name: 'products', sdl: productsSdl },
      { name: 'accounts', sdl: accountsSdl },
    ]);
    expect(targets).toEqual([
      { type: 'Product', key: 'upc', resolvedBy: 'products' },
      { type: 'User', key: 'id', resolvedBy: 'accounts' },
    ]);
    const unresolvable = accountsSdl.replace('@key(fields: "id")', '@key(fields: "id", resolvable: false)');
    expect(keyTargets(reviewsSdl, [{ name: 'accounts', sdl: unresolvable }])).toEqual([]);
  });

  it('adds sampled pools where mocks.json has none, and never replaces an explicit one', () => {
    const targets = [
      { type: 'User', key: 'id', resolvedBy: 'accounts' },
      { type: 'Sku', key: 'id region', resolvedBy: 'catalog' },
      { type: 'Product', key: 'upc', resolvedBy: 'products' },
    ];
    const pools = new Map([
      ['User', [{ id: '1' }, { id: '2' }]],
      ['Sku', [{ id: 's', region: 'eu' }]],
      ['Product', [{ upc: '1' }]],
    ]);
    expect(withPools({ $listLength: 2, Product: { upc: ['9'] } }, pools, targets)).toEqual({
      $listLength: 2,
      User: { id: ['1', '2'] },
      Sku: { $keys: [{ id: 's', region: 'eu' }] },
      Product: { upc: ['9'] },
    });
  });
});
