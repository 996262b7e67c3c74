/**
 * `npm run bench`: every benchmark in one run, side by side, printed as markdown (and
 * saved to bench/.results/latest.md) for docs/benchmarks.md. Ratios matter more than
 * absolute numbers on a shared machine, so compared variants always run in one process.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { benchComposition } from './composition.ts';
import { benchRegistry } from './registry.ts';
import { benchRouter } from './router.ts';
import { benchPlugins } from './plugins.ts';
import { benchPluginRouter } from './plugin-router.ts';
import { benchPluginPathsPaired } from './plugin-paths-paired.ts';
import { benchFeatureFlags } from './feature-flags.ts';
import { benchBundleSize } from './bundle-size.ts';
import { benchMockIdle } from './mock-idle.ts';
import { benchObservedKeys } from './observed-keys.ts';

const suites: [string, () => Promise<string>][] = [
  ['composition', benchComposition],
  ['registry', benchRegistry],
  ['router', benchRouter],
  ['plugins', benchPlugins],
  ['plugin-router', benchPluginRouter],
  ['plugin-paired', benchPluginPathsPaired],
  ['feature-flags', benchFeatureFlags],
  ['mock-idle', benchMockIdle],
  ['observed-keys', benchObservedKeys],
  ['bundle', benchBundleSize],
];

const only = process.argv.slice(2);
const sections: string[] = [
  `# Benchmark run ${new Date().toISOString()}`,
  `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
];
for (const [name, run] of suites) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`running ${name}…\n`);
  try {
    sections.push(await run());
  } catch (err) {
    sections.push(`### ${name}\n\nFAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
const report = sections.join('\n\n');
console.log(report);
await mkdir('bench/.results', { recursive: true });
await writeFile('bench/.results/latest.md', report);
