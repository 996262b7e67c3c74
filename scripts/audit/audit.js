#!/usr/bin/env node
// `npm run audit`: The Guild's federation gateway audit against Switchyard's router, in two modes
// run side by side: "supergraph" (the audit's own supergraphs, `switchyard router --supergraph`)
// and "composed" (our composition of each suite's subgraphs, `switchyard compose` then
// `switchyard router --config`). Prints the pass count and failing suites per mode and exits 1
// when a mode falls below its floor in .ci/audit-floor.json. The floor only goes up: --raise-floor
// writes a higher count, never a lower one.
//
// Options: --mode supergraph|composed (repeatable, default both), --serial, --raise-floor,
// --suite <id> (repeatable: only those suites, for a developer; no floor check then).
// Env: SWITCHYARD_AUDIT_KIT (the kit's folder; default ../shared/federation-gateway-audit beside
// the clone), SWITCHYARD_AUDIT_SUPERGRAPH_PORTS and SWITCHYARD_AUDIT_COMPOSED_PORTS
// ("gateway:subgraphs", defaults 4000:4200 and 4001:4201; the audit kills whatever listens on the
// gateway port between suites, so give it ports of its own), SWITCHYARD_AUDIT_DIR (work folder).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, readdirSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { installKit, locateKit } from './kit.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const floorFile = join(root, '.ci', 'audit-floor.json');
const MODES = {
  supergraph: { ports: 'SWITCHYARD_AUDIT_SUPERGRAPH_PORTS', defaults: '4000:4200' },
  composed: { ports: 'SWITCHYARD_AUDIT_COMPOSED_PORTS', defaults: '4001:4201' },
};

const { values } = parseArgs({
  options: {
    mode: { type: 'string', multiple: true },
    serial: { type: 'boolean', default: false },
    'raise-floor': { type: 'boolean', default: false },
    suite: { type: 'string', multiple: true },
  },
});
const modes = values.mode ?? Object.keys(MODES);
for (const m of modes) if (!MODES[m]) fail(`Unknown --mode ${m}: use ${Object.keys(MODES).join(' or ')}`);
const log = (line) => process.stdout.write(`${line}\n`);

const kitDir = locateKit(root);
if (!kitDir) {
  log('Federation audit skipped: no ../shared/federation-gateway-audit beside this clone (set SWITCHYARD_AUDIT_KIT to run it).');
  process.exit(0);
}
const started = Date.now();
const kit = installKit(kitDir, root, log);
if (spawnSync(process.execPath, [join(root, 'scripts', 'ensure-built.js')], { cwd: root, stdio: 'inherit' }).status !== 0)
  fail('The build failed; the audit runs the built router (dist/).');

const workDir = process.env.SWITCHYARD_AUDIT_DIR ?? join(tmpdir(), `switchyard-audit-${process.pid}`);
log(`Federation audit: kit ${kitDir}, modes ${modes.join(' and ')}, results in ${workDir}`);
const runs = modes.map((mode) => () => runMode(mode));
const results = values.serial
  ? await runs.reduce(async (acc, run) => [...(await acc), await run()], Promise.resolve([]))
  : await Promise.all(runs.map((run) => run()));

const floor = existsSync(floorFile) ? JSON.parse(readFileSync(floorFile, 'utf8')) : {};
let below = false;
log(`\nFederation audit in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const r of results) {
  const min = values.suite ? 0 : (floor[r.mode]?.passed ?? 0);
  const verdict = r.passed < min ? `BELOW THE FLOOR of ${min}` : `floor ${min}`;
  below ||= r.passed < min;
  log(`  ${r.mode.padEnd(10)} ${r.passed}/${r.total} passed (${verdict}) in ${r.seconds} s`);
  for (const s of r.failing) log(`      ${s.id}: ${s.failed} of ${s.total} failing (logs: ${s.log})`);
}
const raisable = values.suite ? [] : results.filter((r) => r.passed > (floor[r.mode]?.passed ?? 0));
if (raisable.length && values['raise-floor']) {
  for (const r of raisable) floor[r.mode] = { passed: r.passed, total: r.total };
  writeFileSync(floorFile, `${JSON.stringify(floor, null, 2)}\n`);
  log(`Raised the floor in ${floorFile}: ${raisable.map((r) => `${r.mode} ${r.passed}`).join(', ')}`);
} else if (raisable.length) {
  log(`Above the floor: "npm run audit -- --raise-floor" records ${raisable.map((r) => `${r.mode} ${r.passed}`).join(', ')}.`);
}
process.exit(below ? 1 : 0);

/** Runs every suite (or the --suite ones) of one mode through the kit; resolves with the tally. */
async function runMode(mode) {
  const [gatewayPort, subgraphsPort] = (process.env[MODES[mode].ports] ?? MODES[mode].defaults).split(':');
  const gwDir = join(workDir, mode);
  rmSync(gwDir, { recursive: true, force: true });
  mkdirSync(gwDir, { recursive: true });
  copyFileSync(join(here, 'run.sh'), join(gwDir, 'run.sh'));
  const graphql = `http://127.0.0.1:${gatewayPort}`;
  const env = {
    ...process.env,
    // The polyfill is for the kit's CLI on Node 20; run.sh drops NODE_OPTIONS before our router.
    NODE_OPTIONS: `--import ${join(kit, 'polyfill.mjs')}`,
    // How long the kit waits for /readyz. A quiet machine starts the router in a few seconds;
    // a loaded one (a shared 2-core box at load 30) took 50 s to compose and start, and a suite
    // whose router is late fails whole. Waiting longer costs nothing when it is fast.
    GATEWAY_TIMEOUT: '180000',
    FORCE_COLOR: '0',
    SWITCHYARD_AUDIT_MODE: mode,
    SWITCHYARD_AUDIT_SCRIPTS: here,
    SWITCHYARD_AUDIT_SUBGRAPHS_PORT: subgraphsPort,
    SWITCHYARD_AUDIT_GATEWAY_PORT: gatewayPort,
    SWITCHYARD_BIN: join(root, 'bin', 'switchyard.js'),
    SWITCHYARD_ROUTER_DATA_DIR: join(gwDir, '.router-data'),
    ROUTER_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const common = [
    '--cwd', gwDir,
    '--run-script', join(gwDir, 'run.sh'),
    '--reporter', 'dot',
    '--port', subgraphsPort,
    '--graphql', `${graphql}/graphql`,
    '--healthcheck', `${graphql}/readyz`,
  ];
  const known = new Set(readdirSync(join(kit, 'src', 'test-suites')));
  const marks = new Map();
  const raw = createWriteStream(join(gwDir, 'audit.log'));
  // The kit's raw output (with the kill-port noise between suites) goes to audit.log; the
  // console gets one line per suite: its id and its dots.
  const kitRun = (command) =>
    new Promise((resolveRun, rejectRun) => {
      const child = spawn(process.execPath, [join(kit, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(kit, 'src', 'cli.ts'), ...command, ...common], {
        cwd: kit,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let buffer = '';
      let suite = null;
      const onData = (chunk) => {
        raw.write(chunk);
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines.map((l) => l.trim())) {
          if (/^[.X]+$/.test(line) && suite) {
            log(`[${mode}] ${suite.padEnd(36)} ${line}`);
            marks.set(suite, line);
            suite = null;
          } else if (known.has(line)) suite = line;
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('error', rejectRun);
      child.on('exit', resolveRun);
    });
  const t0 = Date.now();
  log(`[${mode}] gateway on ${gatewayPort}, subgraphs on ${subgraphsPort}`);
  const file = join(gwDir, 'results.txt');
  if (values.suite) {
    // One suite at a time through the kit's test-suite command (it writes no results.txt).
    for (const id of values.suite) await kitRun(['test-suite', '--test', id]);
    writeFileSync(file, values.suite.flatMap((id) => [id, marks.get(id) ?? '']).concat(['']).join('\n'));
  } else {
    const code = await kitRun(['test']);
    if (!existsSync(file)) throw new Error(`[${mode}] the audit exited ${code} without results`);
  }
  return { mode, seconds: ((Date.now() - t0) / 1000).toFixed(0), ...tally(readFileSync(file, 'utf8'), gwDir) };
}

/** results.txt holds a suite id line then its line of "." (pass) and "X" (fail), then totals. */
function tally(text, gwDir) {
  const lines = text.split('\n');
  const failing = [];
  let passed = 0;
  let total = 0;
  for (let i = 0; i + 1 < lines.length && lines[i] !== ''; i += 2) {
    const [id, marks] = [lines[i], lines[i + 1]];
    const failed = [...marks].filter((c) => c === 'X').length;
    passed += marks.length - failed;
    total += marks.length;
    if (failed) failing.push({ id, failed, total: marks.length, log: join(gwDir, 'logs', `${id}-tests.log`) });
  }
  return { passed, total, failing };
}

function fail(message) {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
