import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const WGC = fileURLToPath(new URL('../../../../node_modules/.bin/wgc', import.meta.url));
/** wgc loads a lot before it runs; on a busy machine one call can take many seconds. */
const WGC_TIMEOUT_MS = 90_000;
/** Every other service wgc knows points at a closed loopback port: tests never leave the machine. */
const NOWHERE = 'http://127.0.0.1:9';

export interface WgcResult {
  code: number;
  /** stdout and stderr together, in the order wgc wrote them per stream */
  out: string;
}

/** Runs the real wgc against a control plane, with no telemetry, update check or colours. */
export function runWgc(args: string[], opts: { apiUrl: string; apiKey: string; cwd: string }): Promise<WgcResult> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: opts.cwd,
    XDG_CONFIG_HOME: opts.cwd,
    COSMO_API_URL: opts.apiUrl,
    COSMO_API_KEY: opts.apiKey,
    DISABLE_UPDATE_CHECK: 'true',
    COSMO_TELEMETRY_DISABLED: 'true',
    DO_NOT_TRACK: '1',
    POSTHOG_HOST: NOWHERE,
    KC_API_URL: NOWHERE,
    CDN_URL: NOWHERE,
    COSMO_WEB_URL: NOWHERE,
    PLUGIN_REGISTRY_URL: '127.0.0.1:9',
    NO_COLOR: '1',
  };
  return new Promise((resolve) => {
    execFile(WGC, args, { cwd: opts.cwd, env, timeout: WGC_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}
