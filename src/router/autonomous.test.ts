import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCompose } from '../cli/commands/compose.ts';
import { startRouterFromArgs } from '../cli/commands/router.ts';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import { reviewsResolvers } from '../control-plane/demo/subgraphs/reviews.ts';
import { serveSubgraph, type RunningSubgraph } from '../control-plane/demo/subgraphs/serve.ts';
import { routerConfigSchema } from '../shared/router-config.ts';
import type { RunningRouter } from './start.ts';
import { CROSS_DATA, CROSS_QUERY, gql, mustCompose, waitFor } from './testing/helpers.ts';

let demo: DemoSubgraphs;
let reviewsV2: RunningSubgraph;
let dir: string;
const routers: RunningRouter[] = [];

function capture() {
  let text = '';
  return { stream: { write: (chunk: string) => (text += chunk) }, text: () => text };
}

async function compose(yaml: string, out?: string) {
  const file = join(dir, `subgraphs-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, yaml);
  const out_ = capture();
  const err = capture();
  const code = await runCompose(['--subgraphs', file, ...(out ? ['--out', out] : [])], {
    out: out_.stream,
    err: err.stream,
  });
  return { code, out: out_.text(), err: err.text() };
}

const env = () => ({
  ROUTER_HOST: '127.0.0.1',
  SWITCHYARD_ROUTER_DATA_DIR: join(dir, 'router-data'),
  LOG_LEVEL: 'silent',
});

async function router(args: string[]) {
  const running = await startRouterFromArgs([...args, '--port', '0'], env());
  routers.push(running);
  return running;
}

const yamlFor = (names: string[], extra = '') =>
  `subgraphs:\n${names
    .map(
      (n) =>
        `  - name: ${n}\n    routing_url: ${demo.subgraphs.find((s) => s.name === n)!.url}\n    schema:\n      file: ./schemas/${n}.graphql\n`,
    )
    .join('')}${extra}`;

beforeAll(async () => {
  demo = await startDemoSubgraphs();
  dir = await mkdtemp(join(tmpdir(), 'switchyard-router-'));
  await rm(join(dir, 'schemas'), { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(join(dir, 'schemas')));
  for (const s of demo.subgraphs) await writeFile(join(dir, 'schemas', `${s.name}.graphql`), s.sdl);
  const v2Sdl = demo.subgraphs[1]!.sdl.replace('rating: Int!', 'rating: Int!\n  stars: String');
  await writeFile(join(dir, 'schemas', 'reviews-v2.graphql'), v2Sdl);
  reviewsV2 = await serveSubgraph(
    'reviews',
    v2Sdl,
    {
      ...reviewsResolvers,
      Review: { ...reviewsResolvers['Review'], stars: (r: { rating: number }) => '*'.repeat(r.rating) },
    },
    '127.0.0.1',
    0,
  );
});
afterAll(async () => {
  for (const r of routers) await r.close();
  await reviewsV2.close();
  await demo.close();
  await rm(dir, { recursive: true, force: true });
});

describe('autonomous router', { timeout: 30_000 }, () => {
  it('runs from a config file built by `switchyard compose`, with no control plane', async () => {
    const out = join(dir, 'router-config.json');
    const result = await compose(yamlFor(['products', 'reviews', 'accounts']), out);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain('Wrote');
    const config = routerConfigSchema.parse(JSON.parse(await readFile(out, 'utf8')));
    expect(config.base.subgraphs.map((s) => [s.name, s.kind])).toEqual([
      ['products', 'standard'],
      ['reviews', 'standard'],
      ['accounts', 'standard'],
    ]);

    const running = await router(['--config', out]);
    const res = await gql(running.url, CROSS_QUERY);
    expect(res.body).toEqual({ data: CROSS_DATA });
    expect((await fetch(`${running.url}/readyz`)).status).toBe(200);
  });

  it('composes feature flags from the YAML file and reloads the config file when it changes', async () => {
    const out = join(dir, 'watched.json');
    expect((await compose(yamlFor(['products', 'reviews', 'accounts']), out)).code).toBe(0);
    const running = await router(['--config', out]);
    const first = running.router.current()!.hash;
    expect((await gql(running.url, CROSS_QUERY, { 'x-feature-flag': 'stars' })).status).toBe(404);

    const flagYaml = `feature_flags:\n  - name: stars\n    subgraphs:\n      - name: reviews\n        url: ${reviewsV2.url}\n        schema: { file: ./schemas/reviews-v2.graphql }\n`;
    expect((await compose(yamlFor(['products', 'reviews', 'accounts'], flagYaml), out)).code).toBe(0);
    await waitFor('the router to reload the file', async () => running.router.current()!.hash !== first);
    const res = await gql(running.url, '{ topProducts(first: 1) { reviews { stars } } }', {
      'x-feature-flag': 'stars',
    });
    expect(res.body).toEqual({
      data: { topProducts: [{ reviews: [{ stars: '*****' }, { stars: '***' }] }] },
    });
    expect(res.headers.get('x-switchyard-served-by')).toBe('flag:stars');

    // A broken file is refused; the router keeps serving what it had.
    const served = running.router.current()!.hash;
    await writeFile(out, '{ "format": 1, "nope": true }');
    await new Promise((r) => setTimeout(r, 500));
    expect(running.router.current()!.hash).toBe(served);
    expect((await gql(running.url, CROSS_QUERY)).body).toEqual({ data: CROSS_DATA });
  });

  it('runs from a bare supergraph SDL', async () => {
    const config = mustCompose({ subgraphs: demo.subgraphs });
    const file = join(dir, 'supergraph.graphql');
    await writeFile(file, config.base.supergraphSdl);
    const running = await router(['--supergraph', file, '--no-watch']);
    expect((await gql(running.url, CROSS_QUERY)).body).toEqual({ data: CROSS_DATA });
  });

  it('reports composition errors by subgraph and bad files clearly, with exit codes', async () => {
    await writeFile(
      join(dir, 'schemas', 'clash.graphql'),
      'type Product @key(fields: "upc") { upc: Int! }\ntype Query { clash: Product }',
    );
    const clash = await compose(
      `${yamlFor(['products'])}  - name: clash\n    url: http://localhost:9/graphql\n    schema: { file: ./schemas/clash.graphql }\n`,
    );
    expect(clash.code).toBe(1);
    expect(clash.err).toContain('Composition failed');
    expect(clash.err).toMatch(/upc/);

    const missing = await compose(
      'subgraphs:\n  - name: x\n    routing_url: http://localhost:9/graphql\n    schema: { file: ./nope.graphql }\n',
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('Subgraph "x": cannot read schema file');

    const invalid = await compose('subgraphs:\n  - name: Bad Name\n    schema: {}\n');
    expect(invalid.code).toBe(2);
    expect(invalid.err).toContain('subgraphs.0.name: use lowercase letters');
    expect(invalid.err).toContain('subgraphs.0.schema.file');
    const noUrl = await compose('- name: x\n  schema: { file: ./schemas/products.graphql }\n');
    expect(noUrl.code).toBe(2);
    expect(noUrl.err).toContain('0: needs routing_url (or url)');

    const notYaml = await compose('subgraphs: [unclosed');
    expect(notYaml.code).toBe(2);
    expect(notYaml.err).toContain('is not valid YAML');
  });

  it('refuses to start from a file that is not a config, saying why', async () => {
    const file = join(dir, 'garbage.json');
    await writeFile(file, 'not json');
    await expect(
      startRouterFromArgs(['--config', file, '--port', '0'], {
        ...env(),
        SWITCHYARD_ROUTER_DATA_DIR: join(dir, 'empty-data'),
      }),
    ).rejects.toThrow(/Cannot start the router: .*garbage\.json is not a JSON router config/);
    await expect(startRouterFromArgs(['--port', '0'], env())).rejects.toThrow(/needs a config/);
    await expect(startRouterFromArgs(['--port', 'x'], env())).rejects.toThrow(/ROUTER_PORT/);
    await expect(
      startRouterFromArgs(['--port', '0'], { ...env(), SWITCHYARD_ROUTER_DEDUPLICATE: 'maybe' }),
    ).rejects.toThrow(/SWITCHYARD_ROUTER_DEDUPLICATE: must be true or false/);
    await expect(
      startRouterFromArgs(['--port', '0'], { ...env(), SWITCHYARD_ROUTER_PLANNER: 'java' }),
    ).rejects.toThrow(/SWITCHYARD_ROUTER_PLANNER: must be rust or js/);
    await expect(
      startRouterFromArgs(['--port', '0'], { ...env(), SWITCHYARD_ROUTER_MASK_ERRORS: 'yes' }),
    ).rejects.toThrow(/SWITCHYARD_ROUTER_MASK_ERRORS: must be true or false/);
    await expect(
      startRouterFromArgs(['--port', '0'], { ...env(), SWITCHYARD_GRPC_CLIENT: 'grpc' }),
    ).rejects.toThrow(/SWITCHYARD_GRPC_CLIENT: must be http2 or grpc-js/);
  });
});
