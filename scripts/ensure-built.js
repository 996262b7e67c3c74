#!/usr/bin/env node
// `npm start` and the end-to-end tests need dist/. Build when it is missing or older
// than any source file, so a fresh clone works with `npm install && npm start`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';

const outputs = ['dist/node/cli/main.js', 'dist/studio/index.html'];
const inputs = ['src', 'index.html', 'public', 'vite.config.ts', 'tsconfig.node.json', 'tsconfig.base.json', 'package-lock.json'];

function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

const builtAt = Math.min(...outputs.map((o) => (existsSync(o) ? statSync(o).mtimeMs : 0)));
const changedAt = Math.max(...inputs.map(newest));
if (builtAt > 0 && builtAt >= changedAt && process.env.SWITCHYARD_FORCE_BUILD !== '1') process.exit(0);

process.stdout.write('Building Switchyard (studio and server)…\n');
const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
// tsc leaves an output it would write unchanged with its old time, so without this a change
// elsewhere in src/ made every later run (npm start, bench, audit) build again.
if (result.status === 0) for (const o of outputs) if (existsSync(o)) utimesSync(o, new Date(), new Date());
process.exit(result.status ?? 1);
