import { WORKER_SOURCE } from './preflight-worker.ts';

export const PREFLIGHT_TIMEOUT_MS = 5_000;

export interface PreflightLog {
  level: 'log' | 'info' | 'warn' | 'error' | 'debug';
  text: string;
}

export interface PreflightResult {
  /** Headers the script set, lower-cased; they win over the headers editor. */
  headers: Record<string, string>;
  /** Values the script set with lab.environment.set. */
  environment: Record<string, string>;
  logs: PreflightLog[];
}

export class PreflightError extends Error {
  override name = 'PreflightError';
  constructor(
    message: string,
    readonly logs: PreflightLog[],
  ) {
    super(message);
  }
}

type WorkerMessage =
  | { type: 'log'; level: PreflightLog['level']; text: string }
  | { type: 'done'; headers: Record<string, string>; environment: Record<string, string> }
  | { type: 'failed'; message: string };

let workerUrl: string | null = null;

/**
 * Runs a preflight script in a fresh dedicated worker (one per request, so nothing a script
 * leaves behind reaches the next), and kills it after the timeout.
 */
export function runPreflight(
  script: string,
  environment: Record<string, string>,
  onLog: (log: PreflightLog) => void = () => {},
  timeoutMs = PREFLIGHT_TIMEOUT_MS,
): Promise<PreflightResult> {
  workerUrl ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = new Worker(workerUrl, { name: 'switchyard-preflight', credentials: 'omit' });
  const logs: PreflightLog[] = [];
  return new Promise<PreflightResult>((resolve, reject) => {
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () => finish(() => reject(new PreflightError(`The preflight script did not finish within ${timeoutMs / 1000} s and was stopped.`, logs))),
      timeoutMs,
    );
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const m = event.data;
      if (m?.type === 'log') {
        const log = { level: m.level, text: String(m.text) };
        logs.push(log);
        onLog(log);
      } else if (m?.type === 'done') {
        finish(() => resolve({ headers: stringRecord(m.headers), environment: stringRecord(m.environment), logs }));
      } else if (m?.type === 'failed') {
        finish(() => reject(new PreflightError(`The preflight script failed: ${m.message}`, logs)));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(() => reject(new PreflightError(`The preflight script failed: ${event.message || 'the worker could not run it'}`, logs)));
    };
    worker.postMessage({ script, environment });
  });
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
