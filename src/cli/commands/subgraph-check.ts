import { createApiClient, type CliIo } from '../api-client.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import type { CheckSchemaResponse, SchemaChange } from '../../shared/api/schema-registry.ts';
import { formatError, parseSubgraphArgs, readSchemaFile } from './subgraph-args.ts';

const change = (c: SchemaChange) => `${c.message}${c.path ? ` (${c.path})` : ''}`;

/** `switchyard subgraph check`: exits 1 on composition errors or breaking changes. */
export async function runSubgraphCheck(args: string[], io: CliIo): Promise<number> {
  const { name, schema, namespace } = parseSubgraphArgs(args, {});
  const sdl = await readSchemaFile(io, schema);
  const api = createApiClient(io.env);
  const org = await api.organization();
  const res = await api.request<CheckSchemaResponse>('POST', graphPaths.subgraphCheck(org, namespace, name), {
    sdl,
  });

  if (res.graphs.length === 0) {
    io.stdout(`${name} is in no graph in namespace ${namespace}: nothing to check against.\n`);
    return 0;
  }
  io.stdout(`Checked ${name} in namespace ${namespace} against ${res.graphs.length} graph(s):\n`);
  for (const g of res.graphs) {
    io.stdout(`\n${g.ok ? '✓' : '✗'} ${g.graph}\n`);
    if (g.compositionErrors.length) {
      io.stdout('  Composition errors:\n');
      for (const e of g.compositionErrors) io.stdout(`    - ${formatError(e)}\n`);
    }
    if (g.breakingChanges.length) {
      io.stdout('  Breaking changes:\n');
      for (const c of g.breakingChanges) io.stdout(`    - ${change(c)}\n`);
    }
    if (g.otherChanges.length) {
      io.stdout('  Other changes:\n');
      for (const c of g.otherChanges)
        io.stdout(`    - ${c.criticality === 'dangerous' ? 'dangerous: ' : ''}${change(c)}\n`);
    }
    if (g.ok && !g.otherChanges.length) io.stdout('  No changes to the client schema.\n');
  }
  io.stdout(res.ok ? '\nCheck passed.\n' : '\n');
  if (!res.ok) io.stderr('Check failed: composition errors or breaking changes (see above).\n');
  return res.ok ? 0 : 1;
}
