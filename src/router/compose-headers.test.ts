import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompose } from '../cli/commands/compose.ts';
import { startRouterFromArgs } from '../cli/commands/router.ts';
import type { RunningSubgraph } from '../control-plane/demo/subgraphs/serve.ts';
import { routerConfigSchema } from '../shared/router-config.ts';
import type { RunningRouter } from './start.ts';
import { headerEchoSdl, serveHeaderEcho } from './testing/header-echo.ts';
import { gql } from './testing/helpers.ts';

// The issue's own repro: a subgraph that needs a token, behind `switchyard router --config`
// with a file from `switchyard compose`.
let echo: RunningSubgraph;
let dir: string;
const routers: RunningRouter[] = [];

beforeAll(async () => {
  echo = await serveHeaderEcho('echo', 'abc');
  dir = await mkdtemp(join(tmpdir(), 'switchyard-headers-'));
  await writeFile(join(dir, 'echo.graphql'), headerEchoSdl('echo'));
});
afterAll(async () => {
  for (const r of routers) await r.close();
  await echo.close();
  await rm(dir, { recursive: true, force: true });
});

async function composeAndServe(extra: string) {
  const file = join(dir, `graph-${routers.length}.yaml`);
  const out = join(dir, `config-${routers.length}.json`);
  await writeFile(
    file,
    `subgraphs:\n  - name: echo\n    routing_url: ${echo.url}\n    schema: { file: ./echo.graphql }\n${extra}`,
  );
  let err = '';
  const code = await runCompose(['--subgraphs', file, '--out', out], {
    out: { write: () => true },
    err: { write: (t: string) => (err += t) },
  });
  if (code !== 0) return { code, err, router: null };
  const running = await startRouterFromArgs(['--config', out, '--port', '0', '--no-watch'], {
    ROUTER_HOST: '127.0.0.1',
    SWITCHYARD_ROUTER_DATA_DIR: join(dir, 'router-data'),
    LOG_LEVEL: 'silent',
  });
  routers.push(running);
  return { code, err, router: running, config: routerConfigSchema.parse(JSON.parse(await readFile(out, 'utf8'))) };
}

const ask = async (url: string, headers: Record<string, string>) => {
  const res = await gql(url, '{ echoHeaders echoSecret }', headers);
  const data = res.body.data as { echoHeaders: string; echoSecret: string | null };
  return { seen: JSON.parse(data.echoHeaders) as Record<string, string>, secret: data.echoSecret };
};

describe('header rules in the compose file', { timeout: 30_000 }, () => {
  it('propagates Authorization when the file has no headers key', async () => {
    const { router } = await composeAndServe('');
    const got = await ask(router!.url, { authorization: 'Bearer abc', 'x-tenant': 't1' });
    expect(got.secret).toBe('echo secret');
    expect(got.seen['x-tenant']).toBeUndefined();
  });

  it('follows the Cosmo-shaped headers block, for the base graph and its flags', async () => {
    const { router, config } = await composeAndServe(
      [
        'headers:',
        '  all:',
        '    request:',
        '      - op: propagate',
        '        named: Authorization',
        '      - op: propagate',
        '        matching: (?i)^x-tenant',
        '  subgraphs:',
        '    echo:',
        '      request:',
        '        - { op: set, name: X-Api-Key, value: dev-key }',
        'feature_flags:',
        '  - name: preview',
        '    subgraphs:',
        `      - { name: echo, routing_url: "${echo.url}", schema: { file: ./echo.graphql } }`,
        '',
      ].join('\n'),
    );
    expect(config?.featureFlags[0]?.headers).toEqual(config?.base.headers);
    for (const flag of [{}, { 'x-feature-flag': 'preview' }] as Record<string, string>[]) {
      const got = await ask(router!.url, { authorization: 'Bearer abc', 'x-tenant': 't1', ...flag });
      expect(got.secret).toBe('echo secret');
      expect(got.seen).toMatchObject({ 'x-tenant': 't1', 'x-api-key': 'dev-key' });
    }
  });

  it('forwards nothing with an empty headers block', async () => {
    const { router } = await composeAndServe('headers: {}\n');
    const got = await ask(router!.url, { authorization: 'Bearer abc' });
    expect(got.secret).toBeNull();
  });

  it('names the bad rule in a file that cannot be used', async () => {
    const bad = await composeAndServe(
      'headers:\n  all:\n    request:\n      - { op: propagate, named: Connection }\n      - { op: copy, name: a }\n',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('headers.all.request.0.named: is a header the router never forwards');
    expect(bad.err).toContain('headers.all.request.1');
  });
});
