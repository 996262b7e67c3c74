import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import { createJsonLogger } from './logger.ts';
import type { QueryPlan } from '../shared/query-plan.ts';
import { createRouter } from './router.ts';
import { CROSS_DATA, CROSS_QUERY, gql, listen, mustCompose } from './testing/helpers.ts';

let demo: DemoSubgraphs;
beforeAll(async () => {
  demo = await startDemoSubgraphs();
});
afterAll(() => demo.close());

describe('the query planner', { timeout: 30_000 }, () => {
  it('falls back to the JS planner with one warning when the native binary cannot load', async () => {
    const logs: { level: string; msg: string; err?: string }[] = [];
    let loads = 0;
    const router = createRouter({
      logger: createJsonLogger({ level: 'warn', write: (line) => void logs.push(JSON.parse(line) as never) }),
      loadRustPlanner: () => {
        loads++;
        return Promise.reject(new Error('Cannot find native binding'));
      },
    });
    const server = await listen(createServer(router.handle));
    try {
      const config = mustCompose({ subgraphs: demo.subgraphs });
      expect((await router.applyConfig(config)).status).toBe('applied');
      // A second gateway (a new config) does not try, nor warn, again.
      expect((await router.applyConfig({ ...config, builtAt: '2026-01-01T00:00:01.000Z' })).status).toBe('applied');
      const res = await gql(server.url, CROSS_QUERY, { 'x-include-query-plan': 'true' });
      expect(res.body.data).toEqual(CROSS_DATA);
      const plan = res.body.extensions?.['queryPlan'] as QueryPlan;
      expect(plan).toMatchObject({ planner: 'js', plan: null });
      expect(plan.calls.map((c) => c.subgraph)).toEqual(['products', 'reviews', 'accounts']);
      expect(loads).toBe(1);
      const warnings = logs.filter((l) => l.level === 'warn');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.msg).toMatch(/Rust query planner could not load.*uses the JS planner.*SWITCHYARD_ROUTER_PLANNER=js/);
      expect(warnings[0]!.err).toContain('Cannot find native binding');
    } finally {
      await server.close();
      await router.close();
    }
  });

  it('uses the JS planner when asked, without loading the Rust one', async () => {
    const router = createRouter({
      planner: 'js',
      loadRustPlanner: () => Promise.reject(new Error('must not be loaded')),
    });
    const server = await listen(createServer(router.handle));
    try {
      expect((await router.applyConfig(mustCompose({ subgraphs: demo.subgraphs }))).status).toBe('applied');
      const res = await gql(server.url, CROSS_QUERY, { 'x-include-query-plan': 'true' });
      expect(res.body.data).toEqual(CROSS_DATA);
      expect(res.body.extensions?.['queryPlan']).toMatchObject({ planner: 'js', plan: null });
    } finally {
      await server.close();
      await router.close();
    }
  });
});
