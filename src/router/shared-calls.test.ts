import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import {
  gql,
  mustCompose,
  queryThenLeave,
  routerServers,
  startDelayProxy,
  waitFor,
} from './testing/helpers.ts';

// Identical subgraph queries in flight share one call (src/router/http-flights.ts).

let demo: DemoSubgraphs;
const routers = routerServers();

beforeAll(async () => {
  demo = await startDemoSubgraphs();
});
afterAll(async () => {
  await routers.close();
  await demo.close();
});

/** The demo graph with `accounts` behind a proxy that answers after `delayMs`, so that concurrent requests overlap there. */
async function withSlowAccounts(delayMs: number) {
  const accounts = demo.subgraphs.find((s) => s.name === 'accounts')!;
  const slow = await startDelayProxy(accounts.url, delayMs);
  const subgraphs = demo.subgraphs.map((s) => (s.name === 'accounts' ? { ...s, url: slow.graphqlUrl } : s));
  return { slow, config: mustCompose({ subgraphs }) };
}

const ME = '{ me { name } }';

// On both planners: the sharing is the router's own, under either engine.
describe.each(['rust', 'js'] as const)(
  'identical subgraph queries in flight (%s planner)',
  { timeout: 30_000 },
  (planner) => {
    async function countAccountsCalls(deduplicateSubgraphRequests: boolean): Promise<number> {
      const { slow, config } = await withSlowAccounts(150);
      try {
        const { url } = await routers.serve(config, { deduplicateSubgraphRequests, planner });
        const answers = await Promise.all(Array.from({ length: 5 }, () => gql(url, ME)));
        for (const a of answers) expect(a.body.data).toEqual({ me: { name: 'Ada Lovelace' } });
        return slow.requests();
      } finally {
        await slow.close();
      }
    }

    it('share one call by default, and each get their own when sharing is off', async () => {
      expect(await countAccountsCalls(true)).toBe(1);
      expect(await countAccountsCalls(false)).toBe(5);
    });

    it('keep a shared call going for the clients still waiting when the first one leaves', async () => {
      const { slow, config } = await withSlowAccounts(600);
      try {
        const { url } = await routers.serve(config, { planner });
        const first = queryThenLeave(url, ME);
        await waitFor('the call to reach the subgraph', async () => slow.requests() === 1);
        const second = gql(url, ME);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await first.leave();
        const answer = await second;
        expect(answer.body).toEqual({ data: { me: { name: 'Ada Lovelace' } } });
        expect(slow.requests()).toBe(1);
        expect(slow.abandoned()).toBe(0);
      } finally {
        await slow.close();
      }
    });

    it('cancel a shared call once every client waiting on it has left', async () => {
      const { slow, config } = await withSlowAccounts(5000);
      try {
        const { url } = await routers.serve(config, { subgraphTimeoutMs: 10_000, planner });
        const first = queryThenLeave(url, ME);
        await waitFor('the call to reach the subgraph', async () => slow.requests() === 1);
        const second = queryThenLeave(url, ME);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await first.leave();
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(slow.abandoned()).toBe(0);
        await second.leave();
        await waitFor('the shared call to be cancelled', async () => slow.abandoned() === 1, 2000);
        expect(slow.requests()).toBe(1);
      } finally {
        await slow.close();
      }
    });
  },
);
