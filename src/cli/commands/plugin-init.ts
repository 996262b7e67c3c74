import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { processIo, type CliIo } from '../api-client.ts';
import { parseDirCommand } from '../dir-command.ts';
import { helpFor } from '../help.ts';

export const pluginInitUsage = helpFor('plugin', 'init')!;

export async function runPluginInit(args: string[], io: CliIo = processIo()): Promise<number> {
  const parsed = parseDirCommand(args, ['schema', 'name'], pluginInitUsage, io);
  if (typeof parsed === 'number') return parsed;
  const { dir, dirArg } = parsed;
  try {
    const schemaSdl = parsed.values.schema
      ? await readFile(resolve(io.cwd, parsed.values.schema), 'utf8')
      : undefined;
    const { initPlugin } = await import('../../plugins/sdk/scaffold.ts');
    const { files } = await initPlugin(dir, {
      ...(schemaSdl !== undefined ? { schemaSdl } : {}),
      ...(parsed.values.name ? { name: parsed.values.name } : {}),
    });
    io.stdout(
      `Created plugin in ${dir}:\n${files.map((f) => `  ${f}`).join('\n')}\n\nNext: implement src/service.ts, then run "switchyard plugin build ${dirArg}".\n`,
    );
    return 0;
  } catch (err) {
    io.stderr(`plugin init failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
