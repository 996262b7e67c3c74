import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type CliIo } from '../api-client.ts';
import { resourceNameSchema } from '../../shared/names.ts';
import { DEFAULT_NAMESPACE } from '../../shared/api/graphs.ts';

const common = {
  name: { type: 'string' },
  schema: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
} as const;

/** Parses options shared by publish and check, plus the command's own, with clear messages. */
export function parseSubgraphArgs<O extends ParseArgsConfig['options']>(args: string[], extra: O) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { ...common, ...extra }, strict: true, allowPositionals: false });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nRun "switchyard subgraph --help" for the options.`, 2);
  }
  const values = parsed.values as Record<string, string | string[] | boolean | undefined>;
  const name = values.name;
  const schema = values.schema;
  if (typeof name !== 'string') throw new CliError("--name is required: the subgraph's name", 2);
  if (typeof schema !== 'string')
    throw new CliError('--schema is required: the path of the schema file (SDL)', 2);
  const namespace = typeof values.namespace === 'string' ? values.namespace : DEFAULT_NAMESPACE;
  for (const [flag, value] of [
    ['--name', name],
    ['--namespace', namespace],
  ] as const) {
    const check = resourceNameSchema.safeParse(value);
    if (!check.success) throw new CliError(`${flag} "${value}": ${check.error.issues[0]!.message}`, 2);
  }
  return { name, schema, namespace, values };
}

export async function readSchemaFile(io: CliIo, path: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new CliError(
      `Cannot read the schema file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      2,
    );
  }
}

export const short = (hash: string | null) => (hash ? `${hash.slice(0, 12)}…` : 'none');

export function formatError(e: { message: string; subgraph: string | null }): string {
  return e.subgraph ? `[${e.subgraph}] ${e.message}` : e.message;
}
