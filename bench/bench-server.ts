import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/control-plane/config.ts';
import { openDatabase } from '../src/control-plane/db/client.ts';
import { createServer } from '../src/control-plane/server.ts';
import { bootstrapFirstAdmin } from '../src/control-plane/bootstrap.ts';
import { startDemoSubgraphs } from '../src/control-plane/demo/subgraphs/index.ts';
import { startRouter } from '../src/router/start.ts';
import { createJsonLogger } from '../src/router/logger.ts';

const EMAIL = 'bench@example.test';
const PASSWORD = 'bench password 123';
export const BENCH_NS = '/api/v1/orgs/bench/namespaces/default';

/**
 * The real control plane (in-process, PGlite in memory) with graph `bench` made of the
 * demo subgraphs, and a real router following it over HTTP and SSE with a router token,
 * running plugins as `switchyard router` does. `call` is a logged-in admin's API client.
 */
export async function startBenchStack() {
  const config = loadConfig({ LOG_LEVEL: 'silent', SWITCHYARD_ORG_NAME: 'Bench' });
  const database = await openDatabase({ kind: 'pglite-memory' });
  await bootstrapFirstAdmin(database.db, { email: EMAIL, password: PASSWORD, orgName: 'Bench' });
  const { app } = await createServer({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const demo = await startDemoSubgraphs();
  const routerDir = await mkdtemp(path.join(os.tmpdir(), 'swy-bench-router-'));

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
  await call('POST', `${BENCH_NS}/graphs`, { name: 'bench', routingUrl: 'http://localhost/graphql', labelMatchers: ['graph=bench'] });
  for (const s of demo.subgraphs) {
    await call('POST', `${BENCH_NS}/subgraphs/${s.name}/schema`, { sdl: s.sdl, routingUrl: s.url, labels: ['graph=bench'], type: 'standard' });
  }
  const { token } = (await call('POST', `${BENCH_NS}/graphs/bench/router-tokens`, { name: 'bench' })) as { token: string };
  const router = await startRouter({
    source: { kind: 'control-plane', apiUrl: base, token },
    port: 0,
    host: '127.0.0.1',
    dataDir: routerDir,
    logger: createJsonLogger({ level: 'silent' }),
  });

  return {
    base,
    token,
    call,
    demo,
    routerUrl: router.url,
    async close() {
      await router.close();
      await demo.close();
      await app.close();
      await database.close();
      await rm(routerDir, { recursive: true, force: true });
    },
  };
}
