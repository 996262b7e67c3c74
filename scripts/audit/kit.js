// Finds The Guild's federation gateway audit kit beside the clone and installs a copy of it.
// shared/ is read-only in CI, so the kit is copied before `npm install`; the installed copy is
// kept under node_modules/.cache keyed by a hash of the kit's files, so a second run starts at once.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const KIT = join('shared', 'federation-gateway-audit');

/** The kit's folder, or null. SWITCHYARD_AUDIT_KIT wins; then ../shared beside the clone. */
export function locateKit(root, env = process.env) {
  if (env.SWITCHYARD_AUDIT_KIT) return existsSync(env.SWITCHYARD_AUDIT_KIT) ? resolve(env.SWITCHYARD_AUDIT_KIT) : null;
  const candidates = [resolve(root, '..', KIT)];
  // A git worktree lives away from its main clone; shared/ sits beside the main clone.
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    candidates.push(resolve(dirname(common), '..', KIT));
  } catch {
    // not a git checkout: only ../shared counts
  }
  return candidates.find((c) => existsSync(join(c, 'package.json'))) ?? null;
}

function hashTree(dir, hash = createHash('sha256'), rel = '') {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hashTree(path, hash, `${rel}${name}/`);
    else hash.update(`${rel}${name}\0`).update(readFileSync(path)).update('\0');
  }
  return hash;
}

/** Returns the folder of an installed copy of the kit, installing it on the first run. */
export function installKit(kitDir, root, log) {
  const key = hashTree(kitDir).digest('hex').slice(0, 16);
  const cacheRoot = join(root, 'node_modules', '.cache', 'switchyard-audit');
  const dir = join(cacheRoot, key);
  if (existsSync(join(dir, '.installed'))) return dir;
  log(`Installing the audit kit (${kitDir}) into ${dir}…`);
  rmSync(cacheRoot, { recursive: true, force: true }); // an older kit's copy is of no use
  const staging = `${dir}.tmp-${process.pid}`;
  mkdirSync(staging, { recursive: true });
  cpSync(kitDir, staging, { recursive: true, filter: (src) => !src.includes(`${'/'}node_modules`) });
  // `npm run audit` hands this project's engine-strict to child npms; the kit's own deps (fets'
  // cookie-store) ask for Node 22 yet run on Node 20 with the kit's polyfill.
  const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false'], {
    cwd: staging,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (npm.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`npm install of the audit kit failed (exit ${npm.status ?? npm.signal})`);
  }
  writeFileSync(join(staging, '.installed'), new Date().toISOString());
  renameSync(staging, dir);
  return dir;
}
