import { CliError, processIo, type CliIo } from '../api-client.ts';
import { runSubgraphPublish } from './subgraph-publish.ts';
import { runSubgraphCheck } from './subgraph-check.ts';

export const subgraphUsage = `Usage:
  switchyard subgraph publish --name NAME --schema FILE [--namespace default]
                              [--routing-url URL] [--type standard|grpc_plugin|grpc_service] [--label key=value ...]
                              [--plugin NAME] [--plugin-version VERSION|latest]
  switchyard subgraph check   --name NAME --schema FILE [--namespace default]

Environment:
  SWITCHYARD_API_KEY   an API key (Settings → API keys); publish needs the developer role
  SWITCHYARD_API_URL   the control plane (default http://localhost:3000)

publish creates the subgraph when it does not exist yet (give --routing-url), stores the
schema as a new version and recomposes every graph it is in; it exits 1 when a graph
fails to compose. check composes the schema without publishing it and exits 1 on
composition errors or breaking changes, so it can gate CI.

For grpc_plugin subgraphs, --plugin names the plugin to run (default: the subgraph's name)
and --plugin-version pins a build ("latest" unpins: always the newest build).
`;

/** `switchyard subgraph <publish|check> …`; returns the exit code. */
export async function runSubgraphCommand(args: string[], io: CliIo = processIo()): Promise<number> {
  const [sub, ...rest] = args;
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
