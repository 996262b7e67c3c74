import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSubgraph, type RunningSubgraph } from '../control-plane/demo/subgraphs/serve.ts';
import { silentLogger } from './logger.ts';
import { MAX_OBSERVED_PER_TYPE } from '../shared/router-observed-keys.ts';
import { ObservedKeys } from './observed-keys.ts';
import { pushObservedKeys } from './observed-keys-push.ts';
import type { Router } from './router.ts';
import { gql, listen, mustCompose, routerServers } from './testing/helpers.ts';

const reviewsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { reviews: [Review!]! }
  type Review { body: String! author: User }
  type User @key(fields: "id", resolvable: false) { id: ID! }
`;
const accountsSdl = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query { me: User }
  type User @key(fields: "id") { id: ID! name: String }
`;
const users: Record<string, { id: string; name: string }> = {
  u1: { id: 'u1', name: 'Ada' },
  u2: { id: 'u2', name: 'Alan' },
  u7: { id: 'u7', name: 'Grace' },
};

let subgraphs: RunningSubgraph[] = [];
const routers = routerServers();

beforeAll(async () => {
  const reviews = (name: string, ids: string[]) =>
    serveSubgraph(
      name,
      reviewsSdl,
      { Query: { reviews: () => ids.map((id) => ({ body: id, author: { id } })) } },
      '127.0.0.1',
      0,
    );
  subgraphs = [
    // u9 is a key accounts does not know: never a key worth handing out
    await reviews('reviews', ['u1', 'u2', 'u9']),
    // the flag's stand-in for reviews, as a mock would be
    await reviews('reviews-mock', ['u7']),
    await serveSubgraph(
      'accounts',
      accountsSdl,
      {
        Query: { me: () => users['u1'] },
        User: { __resolveReference: (ref: { id: string }) => users[ref.id] ?? null },
      },
      '127.0.0.1',
      0,
    ),
  ];
});
afterAll(async () => {
  await routers.close();
  await Promise.all(subgraphs.map((s) => s.close()));
});

/** A router serving reviews and accounts, with a flag that swaps reviews for the mock; it throws unless the config applied. */
function serve(options: { observeKeys?: boolean } = {}): Promise<{ router: Router; url: string }> {
  const [reviews, mock, accounts] = subgraphs.map((s) => ({ name: s.name, url: s.url, sdl: s.sdl }));
  const config = mustCompose({
    subgraphs: [reviews!, accounts!],
    featureFlags: [{ name: 'preview', subgraphs: [{ ...mock!, name: 'reviews' }] }],
  });
  return routers.serve(config, options);
}

const QUERY = '{ reviews { body author { name } } }';

describe('observed entity keys', { timeout: 30_000 }, () => {
  it('records the keys a real subgraph resolved in base traffic, newest first, and nothing of flag traffic', async () => {
    const { router, url } = await serve();
    expect(router.observedKeys?.list()).toEqual({});

    const flagged = await gql(url, QUERY, { 'x-feature-flag': 'preview' });
    expect(flagged.body.data).toEqual({ reviews: [{ body: 'u7', author: { name: 'Grace' } }] });
    expect(router.observedKeys?.list()).toEqual({});

    const base = await gql(url, QUERY);
    expect(base.body.errors).toBeUndefined();
    // u9 came back null from accounts: not a key it knows
    expect(router.observedKeys?.list()).toEqual({ User: [{ id: 'u2' }, { id: 'u1' }] });
    expect(router.observedKeys?.list('Product')).toEqual({});
  });

  it('records nothing when turned off, and serves as before', async () => {
    const { router, url } = await serve({ observeKeys: false });
    const res = await gql(url, QUERY);
    expect(res.body.data?.['reviews']).toHaveLength(3);
    expect(router.observedKeys).toBeNull();
  });

  it('keeps the newest keys of a type, a bounded number', () => {
    const keys = new ObservedKeys();
    for (let i = 0; i < MAX_OBSERVED_PER_TYPE + 10; i++) keys.record('User', [{ id: String(i) }]);
    const version = keys.version;
    keys.record('User', [{ id: '20' }]); // seen again: newest now, but nothing new to send
    expect(keys.version).toBe(version);
    const list = keys.list()['User']!;
    expect(list).toHaveLength(MAX_OBSERVED_PER_TYPE);
    expect(list[0]).toEqual({ id: '20' });
    expect(list[1]).toEqual({ id: String(MAX_OBSERVED_PER_TYPE + 9) });
    expect(list).not.toContainEqual({ id: '9' });
  });

  it('records a type at most once per interval', () => {
    const keys = new ObservedKeys(50, 100);
    expect(keys.wants('User', 1000)).toBe(true);
    expect(keys.wants('User', 1050)).toBe(false);
    expect(keys.wants('Product', 1050)).toBe(true);
    expect(keys.wants('User', 1100)).toBe(true);
  });

  it('are sent to the control plane with the router token when they changed', async () => {
    const received: { auth: string | undefined; body: unknown }[] = [];
    const cp = await listen(
      createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          received.push({
            auth: req.headers.authorization,
            body: { method: req.method, url: req.url, json: JSON.parse(body) as unknown },
          });
          res.writeHead(204).end();
        });
      }),
    );
    const keys = new ObservedKeys();
    const push = pushObservedKeys({
      apiUrl: cp.url,
      token: 'syr_test',
      keys,
      log: silentLogger,
      intervalMs: 60_000,
    });
    try {
      await push.flush();
      expect(received).toHaveLength(0); // nothing seen yet, nothing sent
      keys.record('User', [{ id: 'u1' }]);
      await push.flush();
      await push.flush(); // unchanged: not sent again
      expect(received).toEqual([
        {
          auth: 'Bearer syr_test',
          body: {
            method: 'PUT',
            url: '/api/v1/router/observed-keys',
            json: { keys: { User: [{ id: 'u1' }] } },
          },
        },
      ]);
    } finally {
      await push.stop();
      await cp.close();
    }
  });
});
