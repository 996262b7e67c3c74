import { productsSdl } from '../src/control-plane/demo/subgraphs/products.ts';
import { BENCH_NS, startBenchStack } from './bench-server.ts';
import { fmt, summarize, table } from './lib.ts';

const RUNS = Number(process.env.BENCH_PUBLISH_RUNS ?? 30);

/**
 * Publish → new config visible: from the moment a schema publish is sent to the control
 * plane until (a) a router change-stream listener receives the new config event, and
 * (b) a real router, following the control plane, serves the new field.
 */
export async function benchRegistry(): Promise<string> {
  const stack = await publishingStack();
  try {
    const streamSamples: number[] = [];
    const routerSamples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const field = `benchField${i}`;
      const eventSeen = stack.nextConfigEvent();
      const started = performance.now();
      await stack.publishProducts(field);
      await eventSeen;
      streamSamples.push(performance.now() - started);
      await stack.waitUntilRouterServes(field);
      routerSamples.push(performance.now() - started);
    }
    const s = summarize(streamSamples);
    const r = summarize(routerSamples);
    return `### Publish → new config (${RUNS} publishes, PGlite, one process)\n\n${table(
      ['measured until', 'p50 ms', 'p99 ms', 'max ms'],
      [
        ['change-stream event received (SSE)', fmt(s.p50), fmt(s.p99), fmt(s.max)],
        ['router serves the new field', fmt(r.p50), fmt(r.p99), fmt(r.max)],
      ],
    )}\n`;
  } finally {
    await stack.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchRegistry());
}

/** The bench stack plus a change-stream listener and a way to publish and wait for the router. */
async function publishingStack() {
  const stack = await startBenchStack();
  // One SSE listener, like a router's, resolving waiters in order of config events.
  const waiters: (() => void)[] = [];
  const controller = new AbortController();
  const stream = await fetch(`${stack.base}/api/v1/router/config/stream`, {
    headers: { authorization: `Bearer ${stack.token}` },
    signal: controller.signal,
  });
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
          if (event.includes('event: config')) waiters.shift()?.();
        }
      }
    } catch {
      // aborted on close
    }
  })();
  const productsUrl = stack.demo.subgraphs.find((s) => s.name === 'products')!.url;
  return {
    nextConfigEvent: () => new Promise<void>((resolve) => waiters.push(resolve)),
    async publishProducts(extraField: string) {
      const sdl = productsSdl.replace('type Query {', `extend type Product { ${extraField}: String }\ntype Query {`);
      await stack.call('POST', `${BENCH_NS}/subgraphs/products/schema`, { sdl, routingUrl: productsUrl });
    },
    async waitUntilRouterServes(field: string) {
      // The running products service does not know the field, so it rejects it itself (an
      // error carrying serviceName); what is measured is the router's own schema accepting it.
      for (;;) {
        const res = await fetch(`${stack.routerUrl}/graphql`, {
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
      await stack.close();
    },
  };
}
