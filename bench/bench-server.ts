import { loadConfig } from '../src/control-plane/config.ts';
import { openDatabase } from '../src/control-plane/db/client.ts';
import { createServer } from '../src/control-plane/server.ts';
import { bootstrapFirstAdmin } from '../src/control-plane/bootstrap.ts';
import { startDemoSubgraphs } from '../src/control-plane/demo/subgraphs/index.ts';
import { productsSdl } from '../src/control-plane/demo/subgraphs/products.ts';
import { startRouter } from '../src/router/start.ts';
import { createJsonLogger } from '../src/router/logger.ts';

const EMAIL = 'bench@example.test';
const PASSWORD = 'bench password 123';

/**
 * The real control plane (in-process, PGlite in memory), the demo subgraphs and a real
 * router following the control plane over HTTP and SSE, for the latency benchmarks.
 */
export async function startTestServerForBench() {
  const config = loadConfig({ LOG_LEVEL: 'silent', SWITCHYARD_ORG_NAME: 'Bench' });
  const database = await openDatabase({ kind: 'pglite-memory' });
  await bootstrapFirstAdmin(database.db, { email: EMAIL, password: PASSWORD, orgName: 'Bench' });
  const { app } = await createServer({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const demo = await startDemoSubgraphs();

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(base + path, {
      method,
      headers: { cookie, 'x-csrf-token': csrfToken, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const ns = '/api/v1/orgs/bench/namespaces/default';
  await call('POST', `${ns}/graphs`, { name: 'bench', routingUrl: 'http://localhost/graphql', labelMatchers: ['graph=bench'] });
  for (const s of demo.subgraphs) {
    await call('POST', `${ns}/subgraphs/${s.name}/schema`, { sdl: s.sdl, routingUrl: s.url, labels: ['graph=bench'], type: 'standard' });
  }
  const { token } = (await call('POST', `${ns}/graphs/bench/router-tokens`, { name: 'bench' })) as { token: string };
  const router = await startRouter({
    source: { kind: 'control-plane', apiUrl: base, token },
    port: 0,
    host: '127.0.0.1',
    dataDir: null,
    logger: createJsonLogger({ level: 'silent' }),
  });

  // One SSE listener, like a router's, counting config events.
  const events: ((hash: string) => void)[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${base}/api/v1/router/config/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of stream.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let idx;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          if (event.includes('event: config')) events.shift()?.(event);
        }
      }
    } catch {
      // aborted on close
    }
  })();

  const productsUrl = demo.subgraphs.find((s) => s.name === 'products')!.url;
  return {
    nextConfigEvent: () => new Promise<string>((resolve) => events.push(resolve)),
    async publishProducts(extraField: string) {
      const sdl = productsSdl.replace('type Query {', `extend type Product { ${extraField}: String }\ntype Query {`);
      await call('POST', `${ns}/subgraphs/products/schema`, { sdl, routingUrl: productsUrl });
    },
    async waitUntilRouterServes(field: string) {
      // The running products service does not know the field, so it rejects it itself (an
      // error carrying serviceName); what is measured is the router's own schema accepting it.
      for (;;) {
        const res = await fetch(`${router.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `{ topProducts(first: 1) { ${field} } }` }),
        });
        const body = (await res.json()) as { errors?: { message: string; extensions?: { serviceName?: string } }[] };
        if (!body.errors?.some((e) => /Cannot query field/.test(e.message) && !e.extensions?.serviceName)) return;
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    async close() {
      controller.abort();
      await router.close();
      await demo.close();
      await app.close();
      await database.close();
    },
  };
}
