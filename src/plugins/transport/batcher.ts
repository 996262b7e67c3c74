/**
 * Collects the loads made while graphql-js resolves one level of a response (all the
 * items of a list are resolved in the same tick) and runs each group as one call,
 * the way DataLoader schedules: after the current promise jobs, on the next tick.
 */
type Pending<S, R> = { sources: S[]; settle: { resolve: (v: R) => void; reject: (e: unknown) => void }[] };

export class Batcher {
  private readonly pending = new Map<string, Pending<unknown, unknown>>();
  private readonly runners = new Map<string, (sources: unknown[]) => Promise<unknown[]>>();

  load<S, R>(key: string, source: S, run: (sources: S[]) => Promise<(R | Error)[]>): Promise<R> {
    let batch = this.pending.get(key) as Pending<S, R | Error> | undefined;
    if (!batch) {
      batch = { sources: [], settle: [] };
      this.pending.set(key, batch as Pending<unknown, unknown>);
      this.runners.set(key, run as (sources: unknown[]) => Promise<unknown[]>);
      void Promise.resolve().then(() => process.nextTick(() => this.dispatch(key)));
    }
    batch.sources.push(source);
    return new Promise<R>((resolve, reject) => {
      batch.settle.push({ resolve: resolve as (v: R | Error) => void, reject });
    });
  }

  private dispatch(key: string): void {
    const batch = this.pending.get(key);
    const run = this.runners.get(key);
    this.pending.delete(key);
    this.runners.delete(key);
    if (!batch || !run) return;
    run(batch.sources).then(
      (results) => {
        batch.settle.forEach((s, i) => {
          const r = results[i];
          if (r instanceof Error) s.reject(r);
          else s.resolve(r);
        });
      },
      (err: unknown) => batch.settle.forEach((s) => s.reject(err)),
    );
  }
}

/** JSON with sorted keys, so equal argument objects make equal batch keys. */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
