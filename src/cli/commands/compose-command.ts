import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import {
  composeRouterConfig,
  readSubgraphsFile,
  SubgraphsFileError,
  type LocalGraphInput,
} from '../../router/compose/local-config.ts';

export const composeUsage = `Usage: switchyard compose --subgraphs subgraphs.yaml [--out router-config.json]

Composes the subgraphs listed in the YAML file into a router config for
"switchyard router --config", with no control plane. The file lists subgraphs:

  subgraphs:
    - name: products
      routing_url: http://localhost:4001/graphql
      schema: { file: ./products.graphql }

Optional: graph: {name, namespace} and feature_flags: [{name, subgraphs: [...]}],
where a flag's subgraphs replace the base subgraphs of the same name.
Cosmo's graph.yaml (version: 1, as "wgc router compose" reads it) works too,
with plugin folders (plugin: {version, path}), gRPC services (grpc: {...}) and
feature_flags; the router then runs the plugins from their folders.
Without --out the config is printed to stdout.
`;

export interface CommandIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export async function runCompose(
  args: string[],
  io: CommandIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        subgraphs: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    io.err.write(`${err instanceof Error ? err.message : String(err)}\n\n${composeUsage}`);
    return 2;
  }
  if (values.help) {
    io.out.write(composeUsage);
    return 0;
  }
  if (!values.subgraphs) {
    io.err.write(`--subgraphs is required.\n\n${composeUsage}`);
    return 2;
  }
  let input: LocalGraphInput;
  try {
    input = await readSubgraphsFile(values.subgraphs);
  } catch (err) {
    if (err instanceof SubgraphsFileError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err.write(`${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    throw err;
  }
  const result = composeRouterConfig(input);
  if (!result.ok) {
    io.err.write('Composition failed:\n');
    for (const e of result.errors) {
      const where = [e.flag ? `flag ${e.flag}` : null, e.subgraph ? `subgraph ${e.subgraph}` : null]
        .filter(Boolean)
        .join(', ');
      io.err.write(`  ${where ? `[${where}] ` : ''}${e.message}\n`);
    }
    return 1;
  }
  const json = `${JSON.stringify(result.config, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, json);
    const flags = result.config.featureFlags.map((f) => f.name);
    io.out.write(
      `Wrote ${values.out}: ${result.config.base.subgraphs.length} subgraphs${flags.length ? `, feature flags: ${flags.join(', ')}` : ''}\n`,
    );
  } else {
    io.out.write(json);
  }
  return 0;
}
