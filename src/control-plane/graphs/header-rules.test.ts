import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import { defaultHeaderRules } from '../../shared/header-rules.ts';
import type { TestClient } from '../testing/test-client.ts';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import { createFlag, routerConfig } from '../feature-flags/testing/flag-fixtures.ts';
import { createGraph, createRouterToken, ns, productsSdl, publish } from './testing/fixtures.ts';

let ts: TestServer;
let admin: TestClient;
let token: string;
const rulesPath = (graph: string) => graphPaths.headerRules(ORG, ns, graph);

const tenantRules = {
  all: { request: [{ op: 'propagate', named: 'Authorization' }, { op: 'propagate', matching: '(?i)^x-tenant' }] },
  subgraphs: { 'hr-products': { request: [{ op: 'set', name: 'X-Api-Key', value: 'k1' }] } },
};

beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
  await createGraph(admin, 'hr', ['graph=hr']);
  token = await createRouterToken(admin, 'hr');
});
afterAll(() => ts.close());

describe('header rules API', () => {
  it('gives a new graph the Authorization rule, before it has ever composed', async () => {
    const res = await admin.json('GET', rulesPath('hr'));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ graph: 'hr', headers: defaultHeaderRules(), routerConfigHash: null });
  });

  it('puts the rules into the router config, for the base graph and every flag', async () => {
    await publish(admin, 'hr-products', productsSdl, { labels: ['graph=hr'] });
    await createFlag(admin, 'hr', 'hr-preview');
    const first = await routerConfig(ts.client(), token);
    expect(first.config.base.headers).toEqual(defaultHeaderRules());
    expect(first.config.featureFlags.map((f) => [f.name, f.headers])).toEqual([['hr-preview', defaultHeaderRules()]]);

    const dev = await ts.member('developer');
    const res = await dev.json('PUT', rulesPath('hr'), { headers: tenantRules });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ graph: 'hr', headers: tenantRules, routerConfigChanged: true });
    const next = await routerConfig(ts.client(), token);
    expect(next.hash).toBe(res.body.routerConfigHash);
    expect(next.hash).not.toBe(first.hash);
    expect(next.config.base.headers).toEqual(tenantRules);
    expect(next.config.featureFlags[0]?.headers).toEqual(tenantRules);

    // The same rules again change nothing.
    const same = await dev.json('PUT', rulesPath('hr'), { headers: tenantRules });
    expect(same.body).toMatchObject({ routerConfigChanged: false, routerConfigHash: next.hash });
  });

  it('leaves the rules out of the config when they forward nothing', async () => {
    const res = await admin.json('PUT', rulesPath('hr'), { headers: {} });
    expect(res.status).toBe(200);
    expect(res.body.headers).toEqual({ all: { request: [] }, subgraphs: {} });
    const { config } = await routerConfig(ts.client(), token);
    expect(config.base.headers).toBeUndefined();
    expect(config.featureFlags[0]?.headers).toBeUndefined();
    await admin.json('PUT', rulesPath('hr'), { headers: tenantRules });
  });

  it('lets viewers read the rules but not change them', async () => {
    const viewer = await ts.member('viewer');
    const read = await viewer.json('GET', rulesPath('hr'));
    expect(read.status).toBe(200);
    expect(read.body.headers).toEqual(tenantRules);
    const write = await viewer.json('PUT', rulesPath('hr'), { headers: {} });
    expect(write.status).toBe(403);
    expect((await ts.client().json('GET', rulesPath('hr'))).status).toBe(401);
    expect((await admin.json('GET', rulesPath('hr'))).body.headers).toEqual(tenantRules);
  });

  it('refuses bad rules with a 400 naming each problem', async () => {
    const res = await admin.json('PUT', rulesPath('hr'), {
      headers: {
        all: {
          request: [
            { op: 'propagate', named: 'Host' },
            { op: 'propagate', matching: '(' },
            { op: 'set', name: 'X-A', value: 'a\r\nb' },
            { op: 'rename', name: 'X-B' },
            { op: 'propagate' },
          ],
        },
      },
    });
    expect(res.status).toBe(400);
    const text = JSON.stringify(res.body);
    expect(text).toContain('never forwards');
    expect(text).toContain('not a valid regular expression');
    expect(text).toContain('line breaks');
    expect(text).toContain('op must be');
    expect(text).toContain('exactly one of');
    expect((await admin.json('PUT', rulesPath('hr'), { rules: [] })).status).toBe(400);
  });

  it('answers 404 for a graph that does not exist', async () => {
    const res = await admin.json('GET', rulesPath('nope'));
    expect(res.status).toBe(404);
    expect((await admin.json('PUT', rulesPath('nope'), { headers: {} })).status).toBe(404);
  });

  it('records who changed the rules in the audit log', async () => {
    const res = await admin.json('GET', `${graphPaths.auditLog(ORG)}?limit=50`);
    const entries = (res.body.entries ?? []) as { action: string; resourceName: string }[];
    expect(entries.some((e) => e.action === 'graph.header_rules_updated' && e.resourceName === 'hr')).toBe(true);
  });
});
