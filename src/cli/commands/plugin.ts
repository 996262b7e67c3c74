import { processIo, type CliIo } from '../api-client.ts';

export const pluginUsage = `Usage: switchyard plugin <command> [options]

Commands:
  init <dir> [--schema file]                             Scaffold a TypeScript plugin (proto and mapping generated)
  build <dir> [--out file.tar.gz]                        Bundle the plugin into bin/<os>_<arch> and pack a .tar.gz
  push <dir|tarball> --name NAME [--namespace default]   Upload a plugin build to the control plane

Run "switchyard plugin <command> --help" for a command's options.
`;

/** `switchyard plugin …`: each sub-command is loaded only when it runs. */
export async function runPlugin(args: string[], io: CliIo = processIo()): Promise<number> {
  const [command, ...rest] = args;
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
