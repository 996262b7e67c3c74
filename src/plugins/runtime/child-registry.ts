import { spawnSync } from 'node:child_process';

/**
 * Every plugin runs in its own process group (spawned detached), so a Ctrl-C in the
 * terminal does not reach it and nothing else kills it when the router goes away.
 * This registry is the safety net that does, whatever the exit path:
 *  - normal exit, process.exit() and uncaught exceptions: the 'exit' hook kills
 *    every live group synchronously;
 *  - SIGINT/SIGTERM/SIGHUP with no handler of the application: the groups are killed
 *    and the signal is re-raised so the process still dies of it (with an application
 *    handler, the application shuts down and the 'exit' hook runs);
 *  - SIGKILL of the router, which no hook sees: on Linux each plugin is started under
 *    `setpriv --pdeathsig SIGKILL`, so the kernel kills it when its parent dies.
 */
const live = new Map<number, string>();
let installed = false;
const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

export function trackChildGroup(pid: number, name: string): void {
  install();
  live.set(pid, name);
}

export function untrackChildGroup(pid: number): void {
  live.delete(pid);
}

export function liveChildGroups(): number[] {
  return [...live.keys()];
}

/** Sends a signal to a whole process group; false when the group is gone. */
export function killGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function killAll(): void {
  for (const pid of live.keys()) killGroup(pid, 'SIGKILL');
  live.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  // An application handler means a graceful shutdown is under way; let it stop the
  // plugins in order, and the 'exit' hook catches whatever is left.
  if (process.listenerCount(signal) > 1) return;
  killAll();
  for (const s of signals) process.removeListener(s, onSignal);
  process.kill(process.pid, signal);
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killAll);
  for (const s of signals) process.on(s, onSignal);
}

let pdeathsigWrapper: string | null | undefined;

/**
 * `setpriv` (util-linux) execs the plugin with PR_SET_PDEATHSIG set, so the pid stays
 * the plugin's own. Null where it is unavailable (macOS, minimal images).
 */
export function parentDeathWrapper(): string | null {
  if (pdeathsigWrapper !== undefined) return pdeathsigWrapper;
  pdeathsigWrapper = null;
  if (process.platform === 'linux' && process.env['SWITCHYARD_PLUGIN_NO_PDEATHSIG'] !== '1') {
    for (const candidate of ['/usr/bin/setpriv', '/bin/setpriv', '/usr/sbin/setpriv']) {
      const probe = spawnSync(candidate, ['--help'], { encoding: 'utf8', timeout: 2000 });
      if (probe.status === 0 && probe.stdout.includes('--pdeathsig')) {
        pdeathsigWrapper = candidate;
        break;
      }
    }
  }
  return pdeathsigWrapper;
}
