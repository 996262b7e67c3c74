import { createApiClient, CliError, type CliIo } from '../api-client.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import type { PublishSchemaRequest, PublishSchemaResponse } from '../../shared/api/schema-registry.ts';
import { subgraphKinds, type SubgraphKind } from '../../shared/router-config.ts';
import { formatError, parseSubgraphArgs, readSchemaFile, short } from './subgraph-args.ts';

/** `switchyard subgraph publish`: exits 0 when every affected graph composed, 1 otherwise. */
export async function runSubgraphPublish(args: string[], io: CliIo): Promise<number> {
  const { name, schema, namespace, values } = parseSubgraphArgs(args, {
    'routing-url': { type: 'string' },
    type: { type: 'string' },
    label: { type: 'string', multiple: true },
    plugin: { type: 'string' },
    'plugin-version': { type: 'string' },
  });
  const type = values.type as string | undefined;
  if (type !== undefined && !(subgraphKinds as readonly string[]).includes(type)) {
    throw new CliError(`--type must be one of ${subgraphKinds.join(', ')}`, 2);
  }
  const plugin = values.plugin as string | undefined;
  const pluginVersion = values['plugin-version'] as string | undefined;
  if ((plugin !== undefined || pluginVersion !== undefined) && type !== undefined && type !== 'grpc_plugin') {
    throw new CliError('--plugin and --plugin-version are for --type grpc_plugin subgraphs', 2);
  }
  const sdl = await readSchemaFile(io, schema);
  const api = createApiClient(io.env);
  const org = await api.organization();
  const body: PublishSchemaRequest = {
    sdl,
    ...(typeof values['routing-url'] === 'string' ? { routingUrl: values['routing-url'] } : {}),
    ...(type ? { type: type as SubgraphKind } : {}),
    ...(Array.isArray(values.label) ? { labels: values.label as string[] } : {}),
    // "latest" unpins: the subgraph then always runs the newest build.
    ...(plugin !== undefined ? { pluginName: plugin } : {}),
    ...(pluginVersion !== undefined ? { pluginVersion: pluginVersion === 'latest' ? null : pluginVersion } : {}),
  };
  const res = await api.request<PublishSchemaResponse>(
    'POST',
    graphPaths.subgraphSchema(org, namespace, name),
    body,
  );

  const what = res.unchanged
    ? `The schema of ${name} is unchanged (still v${res.version.version})`
    : `Published ${name} v${res.version.version}`;
  io.stdout(`${what} in namespace ${namespace}${res.created ? ' (subgraph created)' : ''}.\n`);
  const runs = res.subgraph.plugin;
  if (runs) {
    io.stdout(
      `  ${name} runs plugin ${runs.name}, ${runs.version ? `pinned to ${runs.version}` : 'following its newest build'}.\n`,
    );
  }
  if (res.subgraph.graphs.length === 0) {
    io.stdout(
      `  ${name} is in no graph yet: no graph's label matchers match its labels (${res.subgraph.labels.join(', ') || 'none'}).\n`,
    );
  } else if (res.compositions.length === 0) {
    io.stdout(`  Graphs ${res.subgraph.graphs.join(', ')}: nothing to recompose.\n`);
  }
  let failed = 0;
  for (const c of res.compositions) {
    if (c.status === 'success') {
      io.stdout(
        `  ✓ ${c.graph}: composed; router config ${short(c.routerConfigHash)}${c.routerConfigChanged ? ' (new)' : ''}\n`,
      );
    } else {
      failed++;
      io.stdout(`  ✗ ${c.graph}: composition failed; routers keep config ${short(c.routerConfigHash)}\n`);
      for (const e of c.errors) io.stdout(`      - ${formatError(e)}\n`);
    }
  }
  if (failed) {
    io.stderr(`The schema was published, but ${failed} graph(s) failed to compose.\n`);
    return 1;
  }
  return 0;
}
