import type { FeatureFlag } from '../../shared/api/feature-flags.ts';
import type { CliIo } from '../api-client.ts';
import { formatError } from './subgraph-args.ts';

/** Prints a flag readably; answers how many of its graphs failed to compose. */
export function printFlag(io: CliIo, flag: FeatureFlag): number {
  io.stdout(
    `${flag.name} (${flag.enabled ? 'enabled' : 'disabled'}, version ${flag.version}) in namespace ${flag.namespace}` +
      `${flag.description ? ` — ${flag.description}` : ''}\n`,
  );
  io.stdout(`  labels: ${flag.labels.join(', ') || 'none'}\n`);
  if (flag.featureSubgraphs.length === 0) io.stdout('  swaps: none (a clone of its graph)\n');
  for (const s of flag.featureSubgraphs) {
    const target =
      s.kind === 'url' ? s.routingUrl : s.kind === 'mock' ? `mock plugin ${s.plugin}@${s.pluginVersion}` : `plugin ${s.plugin}@${s.pluginVersion}`;
    io.stdout(`  swap: ${s.subgraph} → ${target}\n`);
  }
  if (flag.graphs.length === 0) io.stdout('  applies to no graph\n');
  let failed = 0;
  for (const g of flag.graphs) {
    if (g.status === 'composed') {
      io.stdout(`  ✓ ${g.graph}: composed${g.live ? '; served by routers with X-Feature-Flag: ' + flag.name : ' (not served: disabled)'}\n`);
    } else if (g.status === 'pending') {
      io.stdout(`  … ${g.graph}: not composed yet\n`);
    } else {
      failed++;
      io.stdout(`  ✗ ${g.graph}: composition failed; routers do not serve this flag\n`);
      for (const e of g.composition?.errors ?? []) io.stdout(`      - ${formatError(e)}\n`);
    }
  }
  return failed;
}
