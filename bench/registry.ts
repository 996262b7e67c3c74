import { startTestServerForBench } from './bench-server.ts';
import { fmt, summarize, table } from './lib.ts';

const RUNS = Number(process.env.BENCH_PUBLISH_RUNS ?? 30);

/**
 * Publish → new config visible: from the moment a schema publish is sent to the control
 * plane until (a) a router change-stream listener receives the new config event, and
 * (b) a real router, following the control plane, serves the new field.
 */
export async function benchRegistry(): Promise<string> {
  const stack = await startTestServerForBench();
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
