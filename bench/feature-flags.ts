/**
 * Feature-flag swap benchmark (npx tsx bench/feature-flags.ts): from the moment a
 * "swap reviews for a mock plugin with a new field" request is sent until a real router
 * following the control plane (change stream) answers a query using that field under
 * X-Feature-Flag. Each run adds another field, so each is a new mock build: mock build,
 * pack, upload, composition, config, download by hash, unpack and plugin cold start are
 * all inside the measurement. Prints markdown.
 */
import { BENCH_NS as ns, startBenchStack } from './bench-server.ts';
import { fmt, summarize, table } from './lib.ts';

const RUNS = Number(process.env.BENCH_FLAG_RUNS ?? 10);

export async function benchFeatureFlags(): Promise<string> {
  const stack = await startBenchStack();
  try {
    const { call, demo, routerUrl } = stack;
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
    await stack.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchFeatureFlags());
}
