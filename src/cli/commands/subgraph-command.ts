import { CliError, processIo, type CliIo } from '../api-client.ts';
import { runSubgraphPublish } from './subgraph-publish.ts';
import { runSubgraphCheck } from './subgraph-check.ts';
import { helpFor, wantsHelp } from '../help.ts';

export const subgraphUsage = helpFor('subgraph')!;

/** `switchyard subgraph <publish|check> …`; returns the exit code. */
export async function runSubgraphCommand(args: string[], io: CliIo = processIo()): Promise<number> {
  const [sub, ...rest] = args;
  if (sub && wantsHelp(rest)) {
    io.stdout(helpFor('subgraph', sub)!);
    return 0;
  }
  try {
    switch (sub) {
      case 'publish':
        return await runSubgraphPublish(rest, io);
      case 'check':
        return await runSubgraphCheck(rest, io);
      case undefined:
      case '-h':
      case '--help':
        io.stdout(subgraphUsage);
        return sub ? 0 : 2;
      default:
        throw new CliError(`Unknown subgraph command "${sub}".\n\n${subgraphUsage}`, 2);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
