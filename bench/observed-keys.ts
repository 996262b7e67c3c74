/**
 * What recording observed entity keys costs the router (npm run bench -- observed-keys):
 * the CPU time of the base gateway's observed-keys call inspector per `_entities` call, next to
 * the same loop without the hook, in one process. As the router runs it (a type recorded
 * at most every 100 ms, so nearly every call is skipped) and in the worst case (every
 * call recorded, every key new: an old one dropped each time). Compare with the router's
 * CPU per request in the router suite.
 */
import { ObservedKeys, observedKeyCalls } from '../src/router/observed-keys.ts';
import { table } from './lib.ts';

type Hook = (p: unknown) => ((r: unknown) => void) | void;
const CALLS = Number(process.env.BENCH_OBSERVED_CALLS ?? 300_000);

function cpuUsPerCall(hook: Hook | null, batch: number, churn: boolean): number {
  const entities = { result: { data: { _entities: Array.from({ length: batch }, () => ({ name: 'x' })) } } };
  const steady = Array.from({ length: batch }, (_, j) => ({ __typename: 'User', id: String(j) }));
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) {
    const representations = churn ? steady.map((r, j) => ({ ...r, id: String(i * batch + j) })) : steady;
    const done = hook?.({ request: { variables: { representations } } });
    if (done) done(entities.result);
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / CALLS;
}

export async function benchObservedKeys(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const batch of [3, 20]) {
    for (const churn of [false, true]) {
      // churn: every call recorded and every key new (the worst case); else as the router runs
      const store = churn ? new ObservedKeys(undefined, 0) : new ObservedKeys();
      const hook = observedKeyCalls(store) as Hook;
      cpuUsPerCall(hook, batch, churn); // warm up
      const without = cpuUsPerCall(null, batch, churn);
      const withHook = cpuUsPerCall(hook, batch, churn);
      rows.push([
        batch,
        churn ? 'every call recorded, all keys new' : 'as the router runs (one call per type per 100 ms)',
        without.toFixed(2),
        withHook.toFixed(2),
        (withHook - without).toFixed(2),
      ]);
    }
  }
  return [
    '### Observed entity keys: CPU per `_entities` call',
    '',
    table(['representations', 'recording', 'loop alone µs', 'with the hook µs', 'hook µs'], rows),
    '',
    `${CALLS} calls per cell, one process; a recorded call keeps at most 10 keys.`,
  ].join('\n');
}
