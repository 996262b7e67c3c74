import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './api-client.ts';

/**
 * Parses a `<command> <dir> [options]` command line: exactly one directory, `-h/--help`,
 * and the usage text on any mistake. Returns the exit code when the command should stop.
 */
export function parseDirCommand<K extends string>(
  args: string[],
  stringOptions: readonly K[],
  usage: string,
  io: CliIo,
): { dir: string; dirArg: string; values: Partial<Record<K, string>> } | number {
  let parsed;
  try {
    const options = Object.fromEntries(stringOptions.map((name) => [name, { type: 'string' as const }]));
    parsed = parseArgs({ args, allowPositionals: true, options: { ...options, help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    io.stderr(`${err instanceof Error ? err.message : String(err)}\n\n${usage}`);
    return 2;
  }
  if (parsed.values.help) {
    io.stdout(usage);
    return 0;
  }
  const [dirArg, ...extra] = parsed.positionals;
  if (!dirArg || extra.length) {
    io.stderr(usage);
    return 2;
  }
  return { dir: resolve(io.cwd, dirArg), dirArg, values: parsed.values as Partial<Record<K, string>> };
}
