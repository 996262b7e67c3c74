/** How long a supervised plugin waits before it is started again after an exit or a failed start. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** a plugin that served this long before exiting starts again from initialMs */
  stableAfterMs: number;
}

export const defaultBackoff: BackoffOptions = { initialMs: 200, maxMs: 30_000, factor: 2, stableAfterMs: 10_000 };

/** The wait before the next start: initialMs after the first failure, times factor for each further one in a row, at most maxMs. */
export function backoffDelay(backoff: BackoffOptions, failuresInARow: number): number {
  const exponent = Math.max(0, failuresInARow - 1);
  return Math.min(backoff.maxMs, backoff.initialMs * backoff.factor ** exponent);
}
