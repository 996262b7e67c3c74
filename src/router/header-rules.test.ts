import { createServer, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSubgraph } from '../control-plane/demo/subgraphs/serve.ts';
import type { HeaderRulesInput } from '../shared/header-rules.ts';
import { headerRulesSchema } from '../shared/header-rules.ts';
import type { RouterConfig } from '../shared/router-config.ts';
import { createRouter, type Router } from './router.ts';
import { serveHeaderEcho } from '../control-plane/testing/header-echo.ts';
import { listen, mustCompose, type RunningServer } from './testing/helpers.ts';

// Two subgraphs that echo what they receive; `alpha` also wants a bearer token.
let alpha: RunningSubgraph;
let beta: RunningSubgraph;
let router: Router;
let server: RunningServer;

beforeAll(async () => {
  alpha = await serveHeaderEcho('alpha', 'abc');
  beta = await serveHeaderEcho('beta', 'xyz');
  router = createRouter();
  server = await listen(createServer(router.handle));
});
afterAll(async () => {
  await server.close();
  await router.close();
  await alpha.close();
  await beta.close();
});

/** Serves the two echo subgraphs with these rules on the base graph and on flag "preview". */
async function serveWith(rules: HeaderRulesInput | undefined): Promise<RouterConfig> {
  const config = mustCompose({
    graph: { namespace: 'default', name: 'headers' },
    subgraphs: [alpha, beta],
    featureFlags: [{ name: 'preview', subgraphs: [beta] }],
  });
  if (rules) {
    const headers = headerRulesSchema.parse(rules);
    config.base.headers = headers;
    for (const flag of config.featureFlags) flag.headers = headers;
  }
  const applied = await router.applyConfig(config);
  expect(applied.status).not.toBe('refused');
  return config;
}

interface Echo {
  alpha: Record<string, string>;
  beta: Record<string, string>;
  errors: { message: string }[];
  secret: string | null;
}

/**
 * Asks both subgraphs what they received. Sent with node:http rather than fetch, which
 * refuses to send hop-by-hop headers such as TE or Proxy-Authorization.
 */
function echo(headers: Record<string, string>): Promise<Echo> {
  const body = JSON.stringify({ query: '{ alphaHeaders betaHeaders alphaSecret }' });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}/graphql`,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          try {
            const parsed = JSON.parse(text) as {
              data?: { alphaHeaders: string; betaHeaders: string; alphaSecret: string | null } | null;
              errors?: { message: string }[];
            };
            if (!parsed.data) throw new Error(text);
            resolve({
              alpha: JSON.parse(parsed.data.alphaHeaders) as Record<string, string>,
              beta: JSON.parse(parsed.data.betaHeaders) as Record<string, string>,
              errors: parsed.errors ?? [],
              secret: parsed.data.alphaSecret,
            });
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('header rules through the router', { timeout: 30_000 }, () => {
  it('forwards no client header without rules', async () => {
    await serveWith(undefined);
    const got = await echo({ authorization: 'Bearer abc', 'x-tenant': 't1' });
    expect(got.alpha['authorization']).toBeUndefined();
    expect(got.alpha['x-tenant']).toBeUndefined();
    expect(got.secret).toBeNull();
    expect(got.errors[0]?.message).toContain('401 Unauthorized');
  });

  it("sends subgraph calls through the router's own HTTP client (decision 0017)", async () => {
    await serveWith(undefined);
    const got = await echo({ 'accept-encoding': 'gzip' });
    // The engine's fetch asks for gzip, deflate and br; the router's client asks for none.
    expect(got.alpha['accept-encoding']).toBeUndefined();
    expect(got.beta['content-type']).toBe('application/json');
  });

  it('propagates a named header to every subgraph, whatever its case', async () => {
    await serveWith({ all: { request: [{ op: 'propagate', named: 'authorization' }] } });
    const got = await echo({ Authorization: 'Bearer abc', 'X-Tenant': 't1' });
    expect(got.secret).toBe('alpha secret');
    expect(got.errors).toEqual([]);
    expect(got.alpha['authorization']).toBe('Bearer abc');
    expect(got.beta['authorization']).toBe('Bearer abc');
    expect(got.alpha['x-tenant']).toBeUndefined();
  });

  it('propagates headers matching a pattern (Cosmo\'s (?i) prefix accepted)', async () => {
    await serveWith({ all: { request: [{ op: 'propagate', matching: '(?i)^x-tenant' }] } });
    const got = await echo({ 'X-Tenant': 't1', 'X-Tenant-Region': 'eu', 'X-Other': 'no' });
    expect(got.alpha).toMatchObject({ 'x-tenant': 't1', 'x-tenant-region': 'eu' });
    expect(got.alpha['x-other']).toBeUndefined();
  });

  it('never forwards hop-by-hop or router headers, even when a pattern matches all', async () => {
    await serveWith({
      all: { request: [{ op: 'propagate', matching: '.*' }] },
    });
    const got = await echo({
      authorization: 'Bearer abc',
      'x-tenant': 't1',
      te: 'trailers',
      'proxy-authorization': 'Basic secret',
      'x-include-query-plan': 'false',
      'x-switchyard-trace': '1',
      cookie: 'session=s1; feature_flag=preview',
      'x-feature-flag': '',
    });
    expect(got.alpha).toMatchObject({ authorization: 'Bearer abc', 'x-tenant': 't1', cookie: 'session=s1' });
    for (const name of ['te', 'proxy-authorization', 'x-include-query-plan', 'x-switchyard-trace'])
      expect(got.alpha[name], name).toBeUndefined();
    // The engine's own, not the client's.
    expect(got.alpha['content-type']).toBe('application/json');
    expect(got.alpha['host']).toBe(new URL(alpha.url).host);
  });

  it('renames a header, and sends a default when the client sent none', async () => {
    await serveWith({
      all: {
        request: [
          { op: 'propagate', named: 'X-Tenant', rename: 'X-Org' },
          { op: 'propagate', named: 'X-Region', default: 'eu-west' },
        ],
      },
    });
    const without = await echo({ 'x-tenant': 't1' });
    expect(without.alpha).toMatchObject({ 'x-org': 't1', 'x-region': 'eu-west' });
    expect(without.alpha['x-tenant']).toBeUndefined();
    const withRegion = await echo({ 'x-tenant': 't2', 'x-region': 'us-east' });
    expect(withRegion.beta).toMatchObject({ 'x-org': 't2', 'x-region': 'us-east' });
  });

  it('applies a subgraph\'s own rules after the rules for all, to that subgraph only', async () => {
    await serveWith({
      all: { request: [{ op: 'propagate', named: 'Authorization' }] },
      subgraphs: {
        beta: {
          request: [
            { op: 'set', name: 'X-Api-Key', value: 'beta-key' },
            { op: 'set', name: 'Authorization', value: 'Bearer xyz' },
          ],
        },
      },
    });
    const got = await echo({ authorization: 'Bearer abc' });
    expect(got.secret).toBe('alpha secret');
    expect(got.alpha['authorization']).toBe('Bearer abc');
    expect(got.alpha['x-api-key']).toBeUndefined();
    expect(got.beta).toMatchObject({ authorization: 'Bearer xyz', 'x-api-key': 'beta-key' });
  });

  it('serves a feature flag with the rules it inherits from its graph', async () => {
    await serveWith({ all: { request: [{ op: 'propagate', named: 'X-Tenant' }] } });
    const viaHeader = await echo({ 'x-feature-flag': 'preview', 'x-tenant': 't9' });
    expect(viaHeader.beta['x-tenant']).toBe('t9');
    expect(viaHeader.beta['x-feature-flag']).toBeUndefined();
  });

  it('does not share a deduplicated subgraph call between clients with different tokens', async () => {
    await serveWith({ all: { request: [{ op: 'propagate', named: 'Authorization' }] } });
    const [a, b] = await Promise.all([
      echo({ authorization: 'Bearer abc' }),
      echo({ authorization: 'Bearer nope' }),
    ]);
    expect(a.secret).toBe('alpha secret');
    expect(b.secret).toBeNull();
    expect(b.alpha['authorization']).toBe('Bearer nope');
  });

  it('refuses a router config whose rules would forward a hop-by-hop header', async () => {
    const config = mustCompose({ graph: { namespace: 'default', name: 'bad' }, subgraphs: [alpha] });
    const raw = JSON.parse(JSON.stringify(config)) as Record<string, Record<string, unknown>>;
    raw['base']!['headers'] = { all: { request: [{ op: 'set', name: 'Connection', value: 'close' }] } };
    const result = await router.applyConfig(raw);
    expect(result.status).toBe('refused');
    expect(result.status === 'refused' && result.error).toContain('never forwards');
  });
});
