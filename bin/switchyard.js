#!/usr/bin/env node
// The CLI is written in TypeScript and compiled to dist/node by `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/node/cli/main.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('Switchyard is not built yet. Run "npm run build" first (npm start does it for you).\n');
  process.exit(1);
}
await import(entry);
