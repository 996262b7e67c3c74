import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { RouterLogger } from '../logger.ts';
import { hashRouterConfig, type ApplyResult } from '../router.ts';
import { readSse } from './sse.ts';

export const ROUTER_CONFIG_PATH = '/api/v1/router/config';
export const ROUTER_CONFIG_STREAM_PATH = '/api/v1/router/config/stream';

export interface ControlPlaneSourceOptions {
  apiUrl: string;
  token: string;
  /** Applies a config; called one at a time. */
  apply(raw: unknown, hash: string, source: string): Promise<ApplyResult>;
  currentHash(): string | null;
  log: RouterLogger;
  /** While the stream is down, poll this often; default 10 s. */
  pollIntervalMs?: number;
  /** Reconnect delays grow from this to maxBackoffMs, with full jitter; defaults 500 ms and 30 s. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** A stream silent for this long (no event, no heartbeat) is treated as dropped; default 45 s. */
  heartbeatTimeoutMs?: number;
  /** Per HTTP request for a config; default 10 s. */
  requestTimeoutMs?: number;
}

const streamEventSchema = z.object({ hash: z.string().min(1), url: z.string().min(1) });

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The control plane's API URL as a base that relative API paths resolve under (a path prefix kept). */
export function controlPlaneBase(apiUrl: string): URL {
  return new URL(apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`);
}

/**
 * Follows the control plane: the change stream (SSE) while it is up; when it drops, one poll
 * with If-None-Match to catch up, more polls while it stays down, and reconnects with
 * exponential backoff and jitter. The router keeps serving what it has all along.
 */
export class ControlPlaneSource {
  private stopped = false;
  private abort: AbortController | undefined;
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** Configs the router refused: not retried on every poll. */
  private readonly refused = new Set<string>();
  private readonly api: URL;
  private readonly o: Required<
    Omit<ControlPlaneSourceOptions, 'apiUrl' | 'token' | 'apply' | 'currentHash' | 'log'>
  >;
  /** "connected" while the stream is open. */
  state: 'connecting' | 'connected' | 'disconnected' = 'connecting';

  constructor(private readonly options: ControlPlaneSourceOptions) {
    this.api = controlPlaneBase(options.apiUrl);
    this.o = {
      pollIntervalMs: options.pollIntervalMs ?? 10_000,
      initialBackoffMs: options.initialBackoffMs ?? 500,
      maxBackoffMs: options.maxBackoffMs ?? 30_000,
      heartbeatTimeoutMs: options.heartbeatTimeoutMs ?? 45_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    };
  }

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort?.abort();
    this.wake?.();
    await this.running;
    await this.chain;
  }

  private async loop(): Promise<void> {
    const log = this.options.log;
    let attempt = 0;
    while (!this.stopped) {
      this.state = 'connecting';
      try {
        const gotEvent = await this.follow();
        if (gotEvent) attempt = 0;
        if (!this.stopped) log.warn('control plane change stream ended; polling until it is back');
      } catch (err) {
        if (this.stopped) break;
        if (err instanceof HttpStatusError && (err.status === 401 || err.status === 403)) {
          log.error(
            'the control plane refused the router token (SWITCHYARD_ROUTER_TOKEN); retrying with backoff',
            { status: err.status },
          );
        } else {
          log.warn('control plane change stream unavailable; polling until it is back', {
            err: errorMessage(err),
          });
        }
      }
      this.state = 'disconnected';
      if (this.stopped) break;
      // Catch up on anything missed while the stream was down, then keep polling while we wait.
      await this.poll();
      const delay = Math.random() * Math.min(this.o.maxBackoffMs, this.o.initialBackoffMs * 2 ** attempt++);
      const until = Date.now() + delay;
      while (!this.stopped && Date.now() < until) {
        await this.sleep(Math.min(until - Date.now(), this.o.pollIntervalMs));
        if (!this.stopped && Date.now() < until) await this.poll();
      }
    }
  }

  /** Reads the stream until it ends; resolves whether at least one event came through. */
  private async follow(): Promise<boolean> {
    const abort = new AbortController();
    this.abort = abort;
    let watchdog: NodeJS.Timeout | undefined;
    const feed = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(
        () => abort.abort(new Error('no heartbeat from the control plane')),
        this.o.heartbeatTimeoutMs,
      );
    };
    let gotEvent = false;
    try {
      feed();
      const res = await fetch(new URL(ROUTER_CONFIG_STREAM_PATH.slice(1), this.api), {
        headers: { authorization: `Bearer ${this.options.token}`, accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new HttpStatusError(res.status, `change stream answered ${res.status}`);
      }
      this.state = 'connected';
      this.options.log.info('following the control plane change stream', { api: this.api.origin });
      for await (const event of readSse(res.body, feed)) {
        if (event.event !== 'config') continue;
        gotEvent = true;
        let parsed;
        try {
          parsed = streamEventSchema.parse(JSON.parse(event.data));
        } catch {
          this.options.log.warn('ignoring a malformed config event from the control plane', {
            data: event.data.slice(0, 200),
          });
          continue;
        }
        const { hash, url } = parsed;
        await this.serial(() => this.fetchByHash(hash, url));
      }
      return gotEvent;
    } catch (err) {
      if (gotEvent && abort.signal.aborted && !this.stopped) return true;
      throw err;
    } finally {
      clearTimeout(watchdog);
      abort.abort();
    }
  }

  /** The immutable per-hash URL first (CDN-cacheable, no token); the authenticated endpoint if that fails. */
  private async fetchByHash(hash: string, url: string): Promise<void> {
    if (this.options.currentHash() === hash || this.refused.has(hash)) return;
    try {
      const res = await fetch(new URL(url, this.api), {
        signal: AbortSignal.timeout(this.o.requestTimeoutMs),
      });
      if (!res.ok) throw new HttpStatusError(res.status, `config ${hash} answered ${res.status}`);
      // The control plane serves the canonical JSON byte for byte; a re-serialising cache may not.
      const text = await res.text();
      const raw: unknown = JSON.parse(text);
      if (sha256(text) !== hash && hashRouterConfig(raw) !== hash)
        throw new Error(`config at ${url} does not hash to ${hash}`);
      await this.applyOnce(raw, hash);
    } catch (err) {
      if (this.stopped) return;
      this.options.log.warn('could not fetch the announced config by hash; asking the config endpoint', {
        hash,
        err: errorMessage(err),
      });
      await this.fetchLatest();
    }
  }

  private poll(): Promise<void> {
    return this.serial(() => this.fetchLatest());
  }

  /** GET the graph's current config with If-None-Match; 304 means we have it. */
  private async fetchLatest(): Promise<void> {
    const current = this.options.currentHash();
    try {
      const res = await fetch(new URL(ROUTER_CONFIG_PATH.slice(1), this.api), {
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(current ? { 'if-none-match': `"${current}"` } : {}),
        },
        signal: AbortSignal.timeout(this.o.requestTimeoutMs),
      });
      if (res.status === 304) {
        await res.body?.cancel();
        return;
      }
      if (res.status === 404) {
        await res.body?.cancel();
        this.options.log.info('the control plane has no router config for this graph yet');
        return;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new HttpStatusError(res.status, `config endpoint answered ${res.status}`);
      }
      const raw: unknown = await res.json();
      const computed = hashRouterConfig(raw);
      const etag = parseEtag(res.headers.get('etag'));
      if (etag && etag !== computed) {
        this.options.log.warn(
          'the config ETag is not the sha256 of its canonical JSON; using the ETag as its identity',
          { etag, computed },
        );
      }
      await this.applyOnce(raw, etag ?? computed);
    } catch (err) {
      if (this.stopped) return;
      const status = err instanceof HttpStatusError ? err.status : undefined;
      this.options.log.warn('control plane unreachable; serving the config we have', {
        status,
        err: errorMessage(err),
      });
    }
  }

  private async applyOnce(raw: unknown, hash: string): Promise<void> {
    if (this.refused.has(hash)) return;
    const result = await this.options.apply(raw, hash, 'control-plane');
    if (result.status === 'refused') this.refused.add(hash);
  }

  private serial(fn: () => Promise<void>): Promise<void> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function parseEtag(value: string | null): string | null {
  if (!value) return null;
  return value.replace(/^W\//, '').replace(/^"|"$/g, '') || null;
}

function errorMessage(err: unknown): string {
  if (err instanceof Error)
    return err.cause instanceof Error ? `${err.message}: ${err.cause.message}` : err.message;
  return String(err);
}
