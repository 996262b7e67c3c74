#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runStart } from './commands/start.ts';
import { SWITCHYARD_VERSION } from '../shared/version.ts';

const usage = `switchyard ${SWITCHYARD_VERSION}

Usage: switchyard <command> [options]

Commands:
  start            Run the control plane and studio (the whole local stack)

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
      return runStart();
    }
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
