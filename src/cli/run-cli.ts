import { parseArgs } from 'node:util';
import { runSubgraphCommand } from './commands/subgraph-command.ts';
import { helpFor, HELP, mainUsage, wantsHelp } from './help.ts';
import { SWITCHYARD_VERSION } from '../shared/version.ts';

export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processOutput: CliOutput = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

/** `switchyard <command> …`; returns the exit code. */
export async function runCli(argv: string[], out: CliOutput = processOutput): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    // "switchyard help subgraph publish" answers as "switchyard subgraph publish --help" does.
    const asked = command === 'help' && rest[0] ? helpFor(rest[0], rest[1]) : null;
    out.stdout(asked ?? mainUsage);
    return command ? 0 : 1;
  }
  if (command === '-v' || command === '--version') {
    out.stdout(`${SWITCHYARD_VERSION}\n`);
    return 0;
  }
  // Every command and sub-command answers --help before its arguments are parsed, so a
  // strict parser never refuses it and a half-typed command line still gets its help.
  if (command in HELP && wantsHelp(rest)) {
    out.stdout(helpFor(command, rest[0])!);
    return 0;
  }
  switch (command) {
    case 'start': {
      try {
        parseArgs({ args: rest, options: {}, strict: true });
      } catch (err) {
        out.stderr(`${(err as Error).message}\n\n${helpFor('start')}`);
        return 2;
      }
      // On demand like the rest: the control plane (PGlite, Fastify) costs ~4 s of CPU to load,
      // which every `switchyard router` and `compose` paid before (the audit runs them 184 times).
      return (await import('./commands/start.ts')).runStart();
    }
    case 'subgraph':
      return runSubgraphCommand(rest);
    case 'plugin':
      return (await import('./commands/plugin.ts')).runPlugin(rest);
    // Loaded on demand: the gateway engine and the composer are heavy for other commands.
    case 'router':
      return (await import('./commands/router.ts')).runRouter(rest);
    case 'compose':
      return (await import('./commands/compose-command.ts')).runCompose(rest);
    case 'feature-flag':
      return (await import('./commands/feature-flag.ts')).runFeatureFlag(rest);
    default:
      out.stderr(`Unknown command "${command}".\n\n${mainUsage}`);
      return 2;
  }
}
