import { graphPaths } from '../shared/api/graph-paths.ts';
import { controlPlaneBase } from './config-sources/control-plane.ts';
import type { RouterLogger } from './logger.ts';
import type { ObservedKeys } from './observed-keys.ts';

/**
 * Sends the router's observed entity keys to the control plane with its router token,
 * whenever they changed, at most every `intervalMs`. The keys are data values: they go
 * only to the control plane that issued the token, never onto the router's public surface
 * (decision 0010). A failed send is retried on the next tick; nothing waits on it.
 */
export function pushObservedKeys(options: {
  apiUrl: string;
  token: string;
  keys: ObservedKeys;
  log: RouterLogger;
  intervalMs?: number;
}): { stop(): Promise<void>; flush(): Promise<void> } {
  const url = new URL(graphPaths.routerObservedKeys.slice(1), controlPlaneBase(options.apiUrl));
  let sent = 0;
  let running: Promise<void> = Promise.resolve();
  let warned = false;

  const send = async () => {
    const version = options.keys.version;
    if (version === sent) return;
    try {
      const res = await fetch(url, {
        method: 'PUT',
        headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ keys: options.keys.list() }),
        signal: AbortSignal.timeout(10_000),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      sent = version;
      warned = false;
    } catch (err) {
      // Once per outage: the config source already reports an unreachable control plane.
      if (!warned)
        options.log.warn('could not send observed entity keys to the control plane', { err: String(err) });
      warned = true;
    }
  };
  const tick = () => {
    running = running.then(send);
  };
  const timer = setInterval(tick, options.intervalMs ?? 10_000);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    flush() {
      tick();
      return running;
    },
  };
}
