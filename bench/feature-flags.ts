/**
 * Feature-flag swap benchmark (npx tsx bench/feature-flags.ts): from the moment a
 * "swap reviews for a mock plugin with a new field" request is sent until a real router
 * following the control plane (change stream) answers a query using that field under
 * X-Feature-Flag. Each run adds another field, so each is a new mock build: mock build,
 * pack, upload, composition, config, download by hash, unpack and plugin cold start are
 * all inside the measurement. Prints markdown.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/control-plane/config.ts';
import { openDatabase } from '../src/control-plane/db/client.ts';
import { createServer } from '../src/control-plane/server.ts';
import { bootstrapFirstAdmin } from '../src/control-plane/bootstrap.ts';
import { startDemoSubgraphs } from '../src/control-plane/demo/subgraphs/index.ts';
import { startRouter } from '../src/router/start.ts';
import { PluginManager } from '../src/plugins/runtime/plugin-manager.ts';
import { createPluginStore } from '../src/plugins/runtime/plugin-store.ts';
import { createGrpcTransports } from '../src/plugins/transport/router-transports.ts';
import { fmt, summarize, table } from './lib.ts';

const RUNS = Number(process.env.BENCH_FLAG_RUNS ?? 10);
const EMAIL = 'bench@example.test';
const PASSWORD = 'bench password 123';

export async function benchFeatureFlags(): Promise<string> {
  const config = loadConfig({ LOG_LEVEL: 'silent', SWITCHYARD_ORG_NAME: 'Bench' });
  const database = await openDatabase({ kind: 'pglite-memory' });
  await bootstrapFirstAdmin(database.db, { email: EMAIL, password: PASSWORD, orgName: 'Bench' });
  const { app } = await createServer({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const demo = await startDemoSubgraphs();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-flags-'));
  const manager = new PluginManager();
  let router: Awaited<ReturnType<typeof startRouter>> | undefined;
  try {
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
    });
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(base + p, {
        method,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const ns = '/api/v1/orgs/bench/namespaces/default';
    await call('POST', `${ns}/graphs`, { name: 'bench', routingUrl: 'http://localhost/graphql', labelMatchers: ['graph=bench'] });
    for (const s of demo.subgraphs) {
      await call('POST', `${ns}/subgraphs/${s.name}/schema`, { sdl: s.sdl, routingUrl: s.url, labels: ['graph=bench'], type: 'standard' });
    }
    const { token } = (await call('POST', `${ns}/graphs/bench/router-tokens`, { name: 'bench' })) as { token: string };
    const store = createPluginStore({ dir: path.join(scratch, 'plugins'), baseUrl: base, routerToken: token });
    router = await startRouter({
      source: { kind: 'control-plane', apiUrl: base, token },
      port: 0,
      host: '127.0.0.1',
      dataDir: null,
      transports: createGrpcTransports({ plugins: manager, resolvePluginDir: (s) => store.ensure(s.plugin!) }),
      logger: { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as never,
    });
    const routerUrl = router.url;
    const { featureFlag } = (await call('POST', `${ns}/graphs/bench/feature-flags`, { name: 'swap-bench' })) as {
      featureFlag: { version: number };
    };
    let version = featureFlag.version;
    const reviewsSdl = demo.subgraphs.find((s) => s.name === 'reviews')!.sdl;

    const answers = async (field: string) => {
      const res = await fetch(`${routerUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-feature-flag': 'swap-bench' },
        body: JSON.stringify({ query: `{ topProducts(first: 1) { reviews { ${field} } } }` }),
      });
      const body = (await res.json()) as { errors?: unknown[]; data?: unknown };
      return !body.errors && body.data != null;
    };

    const swapMs: number[] = [];
    const servedMs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const field = `benchMood${i}`;
      const sdl = reviewsSdl.replace('rating: Int!', `rating: Int!\n    ${field}: String!`);
      const started = performance.now();
      const res = (await call('PUT', `${ns}/feature-flags/swap-bench/subgraphs/reviews`, {
        expectedVersion: version,
        swap: { kind: 'mock', sdl },
      })) as { featureFlag: { version: number } };
      swapMs.push(performance.now() - started);
      version = res.featureFlag.version;
      const deadline = started + 30_000;
      while (!(await answers(field))) {
        if (performance.now() > deadline) throw new Error(`the router did not serve ${field} within 30 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      servedMs.push(performance.now() - started);
    }
    const s = summarize(swapMs);
    const r = summarize(servedMs);
    return `### Feature flag: swap a subgraph for a mock plugin → router answers (${RUNS} swaps, PGlite)\n\n${table(
      ['measured until', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['swap request answered (mock built, stored, composed)', fmt(s.p50), fmt(s.p99), fmt(s.max)],
        ['router answers the new field with X-Feature-Flag (incl. plugin cold start)', fmt(r.p50), fmt(r.p99), fmt(r.max)],
      ],
    )}\n`;
  } finally {
    await router?.close();
    await manager.stopAll();
    await demo.close();
    await app.close();
    await database.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchFeatureFlags());
}
