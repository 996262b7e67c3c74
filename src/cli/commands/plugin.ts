import { processIo, type CliIo } from '../api-client.ts';
import { helpFor, wantsHelp } from '../help.ts';

export const pluginUsage = helpFor('plugin')!;

/** `switchyard plugin …`: each sub-command is loaded only when it runs. */
export async function runPlugin(args: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = args;
  if (command && wantsHelp(rest)) {
    io.stdout(helpFor('plugin', command)!);
    return 0;
  }
  switch (command) {
    case 'init':
      return (await import('./plugin-init.ts')).runPluginInit(rest, io);
    case 'build':
      return (await import('./plugin-build.ts')).runPluginBuild(rest, io);
    case 'push':
      return (await import('./plugin-push.ts')).runPluginPush(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout(pluginUsage);
      return command ? 0 : 1;
    default:
      io.stderr(`Unknown plugin command "${command}".\n\n${pluginUsage}`);
      return 2;
  }
}
