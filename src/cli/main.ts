#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runSubgraphCommand } from './commands/subgraph-command.ts';
import { SWITCHYARD_VERSION } from '../shared/version.ts';

const usage = `switchyard ${SWITCHYARD_VERSION}

Usage: switchyard <command> [options]

Commands:
  start            Run the control plane and studio (the whole local stack)
  subgraph         Publish or check a subgraph schema (switchyard subgraph --help)
  plugin           Scaffold, build and push plugins (switchyard plugin --help)
  router           Run the staging router (from the control plane, --config or --supergraph)
  compose          Compose subgraphs from a YAML file into a router config, locally
  feature-flag     Create, swap, enable, disable, delete and list feature flags

Options:
  -h, --help       Show this help
  -v, --version    Show the version
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage);
    return command ? 0 : 1;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${SWITCHYARD_VERSION}\n`);
    return 0;
  }
  switch (command) {
    case 'start': {
      parseArgs({ args: rest, options: {}, strict: true });
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
      return (await import('./commands/compose.ts')).runCompose(rest);
    case 'feature-flag':
      return (await import('./commands/feature-flag.ts')).runFeatureFlag(rest);
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
