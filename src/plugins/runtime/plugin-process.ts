import { EventEmitter } from 'node:events';
import type { UnaryTransport } from '../grpc/call.ts';
import { killGroup } from './child-registry.ts';
import { delay, launchPlugin, PluginStartError, type LaunchedPlugin } from './launch.ts';
import { IdleWatch } from './idle-watch.ts';
import { silentLogger, type PluginLogger } from './logger.ts';
import { pluginBinaryPath } from './platform.ts';
import { PluginUnavailableError, type PluginState, type PluginStatus } from './plugin-status.ts';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './restart-backoff.ts';

export interface PluginProcessOptions {
  key?: string;
  name: string;
  pluginDir: string;
  /** defaults to <pluginDir>/bin/<os>_<arch> */
  binaryPath?: string;
  startupConfig?: Record<string, unknown>;
  /** on top of the host's environment; a variable set to undefined is removed */
  env?: Record<string, string | undefined>;
  logger?: PluginLogger;
  handshakeTimeoutMs?: number;
  healthTimeoutMs?: number;
  stopGraceMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** consecutive failed starts before giving up (state "failed") */
  maxStartFailures?: number;
  /** stop the process after this long without a call, and start it on the next; 0 or unset: never */
  idleStopMs?: number;
}

/**
 * A supervised plugin: started once, restarted with exponential backoff whenever it
 * exits unexpectedly, stopped by killing its whole process group. Its status is what
 * /metrics and the studio show.
 *
 *   starting ─▶ serving ─(exit)─▶ restarting ─▶ starting …
 *   starting ─(start failed)─▶ restarting … ─(maxStartFailures in a row)─▶ failed
 *   any ─(stop)─▶ stopped
 *   serving ─(no call for idleStopMs)─▶ idle ─(next call)─▶ starting …
 *
 * An idle plugin has no process: it costs nothing until the next call starts it again,
 * and that call waits for it rather than failing.
 *
 * The states and the status it reports are in plugin-status.ts.
 */
export class PluginProcess extends EventEmitter<{ state: [PluginStatus] }> {
  readonly key: string;
  readonly name: string;
  readonly pluginDir: string;
  private readonly binaryPath: string;
  private readonly backoff: BackoffOptions;
  private readonly logger: PluginLogger;
  private current: LaunchedPlugin | null = null;
  private state: PluginState = 'stopped';
  private restarts = 0;
  private failuresInARow = 0;
  private lastError: string | null = null;
  private lastExit: PluginStatus['lastExit'] = null;
  private coldStartMs: number | null = null;
  private servingSince: number | null = null;
  private backoffMs: number | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private firstStart: Promise<void> | null = null;
  private inflight: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private tracked: UnaryTransport | null = null;
  /** Stops the process after idleStopMs without a call; null when the plugin never idles. */
  private readonly idle: IdleWatch | null;
  private idleStops = 0;
  private idling: Promise<void> | null = null;

  constructor(private readonly opts: PluginProcessOptions) {
    super();
    this.key = opts.key ?? opts.pluginDir;
    this.name = opts.name;
    this.pluginDir = opts.pluginDir;
    this.binaryPath = opts.binaryPath ?? pluginBinaryPath(opts.pluginDir);
    this.backoff = { ...defaultBackoff, ...opts.backoff };
    this.logger = opts.logger ?? silentLogger;
    this.idle = opts.idleStopMs
      ? new IdleWatch(opts.idleStopMs, () => this.state === 'serving' && !this.stopping, () => void this.goIdle())
      : null;
    this.setMaxListeners(0);
  }

  /** Resolves once the plugin first answers SERVING; rejects with the reason it could not. */
  start(): Promise<void> {
    if (!this.firstStart) {
      this.stopping = false;
      this.failuresInARow = 0;
      this.firstStart = this.attempt();
    }
    return this.firstStart;
  }

  /** The spawn/handshake/health of one start; stop() waits for it so nothing outlives stop. */
  private attempt(): Promise<void> {
    this.abort = new AbortController();
    const run = this.runAttempt(this.abort.signal);
    this.inflight = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  status(): PluginStatus {
    return {
      key: this.key,
      name: this.name,
      pluginDir: this.pluginDir,
      state: this.state,
      pid: this.current?.pid ?? null,
      restarts: this.restarts,
      lastError: this.lastError,
      lastExit: this.lastExit,
      coldStartMs: this.coldStartMs,
      servingSince: this.servingSince ? new Date(this.servingSince).toISOString() : null,
      backoffMs: this.state === 'restarting' ? this.backoffMs : null,
    };
  }

  /** How often the plugin was stopped for idling (and so started again on demand). */
  get idleStopCount(): number {
    return this.idleStops;
  }

  /** The call transport of the serving plugin, waiting (bounded) through a start, restart or wake-up. */
  async transport(waitMs: number, signal?: AbortSignal): Promise<UnaryTransport> {
    const deadline = Date.now() + waitMs;
    this.idle?.touch();
    for (;;) {
      if (this.state === 'idle') this.wake();
      if (this.state === 'serving' && this.current && this.tracked) return this.tracked;
      if (this.state === 'failed' || this.state === 'stopped') throw this.unavailable();
      const remaining = deadline - Date.now();
      if (remaining <= 0 || signal?.aborted) throw this.unavailable();
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.off('state', done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, remaining);
        this.on('state', done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    this.idle?.clear();
    this.abort?.abort();
    await this.inflight;
    await this.idling; // a process stopping for idleness is gone before stop() returns
    const running = this.current;
    this.current = null;
    this.tracked = null;
    if (running) await this.terminate(running);
    this.servingSince = null;
    this.setState('stopped');
    this.firstStart = null;
  }

  private unavailable(): PluginUnavailableError {
    const why = this.lastError ? `: ${this.lastError}` : '';
    return new PluginUnavailableError(
      `plugin "${this.name}" is not serving (${this.state})${why}`,
      this.state,
    );
  }

  private async runAttempt(signal: AbortSignal): Promise<void> {
    this.setState('starting');
    const began = performance.now();
    let launched: LaunchedPlugin;
    try {
      launched = await launchPlugin({
        name: this.name,
        binaryPath: this.binaryPath,
        startupConfig: this.opts.startupConfig ?? {},
        env: this.opts.env,
        handshakeTimeoutMs: this.opts.handshakeTimeoutMs ?? 10_000,
        healthTimeoutMs: this.opts.healthTimeoutMs ?? 10_000,
        logger: this.logger,
        signal,
      });
    } catch (err) {
      if (this.stopping)
        throw new PluginUnavailableError(`plugin "${this.name}" was stopped while starting`, 'stopped');
      this.lastError = err instanceof Error ? err.message : String(err);
      this.failuresInARow++;
      this.logger.log('error', 'plugin failed to start', { plugin: this.name, error: this.lastError });
      const permanent = err instanceof PluginStartError && err.permanent;
      if (permanent || this.failuresInARow >= (this.opts.maxStartFailures ?? 5)) this.setState('failed');
      else this.scheduleRestart();
      throw err;
    }
    if (this.stopping) {
      await this.terminate(launched);
      throw new PluginUnavailableError(`plugin "${this.name}" was stopped while starting`, 'stopped');
    }
    this.current = launched;
    this.tracked = this.idle ? this.idle.track(launched.transport) : launched.transport;
    this.idle?.touch();
    this.coldStartMs = Math.round((performance.now() - began) * 10) / 10;
    this.servingSince = Date.now();
    this.lastError = null;
    this.setState('serving');
    void launched.exited.then((exit) => this.onExit(launched, exit));
    this.idle?.arm();
  }

  /** Stops the process, but not the plugin: the next call starts it again. */
  private async goIdle(): Promise<void> {
    const running = this.current;
    if (!running) return;
    this.current = null;
    this.tracked = null;
    this.servingSince = null;
    this.idleStops++;
    this.logger.log('info', 'plugin idle; stopping its process until the next call', { plugin: this.name, pid: running.pid });
    this.setState('idle');
    this.idling = this.terminate(running);
    await this.idling;
  }

  private wake(): void {
    if (this.state !== 'idle' || this.stopping) return;
    this.failuresInARow = 0;
    this.attempt().catch(() => {
      // attempt() recorded the error and scheduled a retry; the waiting call sees the state
    });
  }

  private onExit(
    launched: LaunchedPlugin,
    exit: { code: number | null; signal: NodeJS.Signals | null },
  ): void {
    if (this.current !== launched) return; // stopped or replaced on purpose
    launched.transport.close();
    void launched.cleanup();
    killGroup(launched.pid, 'SIGKILL'); // children it may have left behind
    this.current = null;
    this.tracked = null;
    this.idle?.clear();
    this.lastExit = { code: exit.code, signal: exit.signal, at: new Date().toISOString() };
    this.lastError = `exited unexpectedly (${exit.signal ?? `code ${exit.code}`})`;
    const servedMs = this.servingSince ? Date.now() - this.servingSince : 0;
    this.servingSince = null;
    if (servedMs >= this.backoff.stableAfterMs) this.failuresInARow = 0;
    this.failuresInARow++;
    this.logger.log('warn', 'plugin exited; restarting', { plugin: this.name, ...this.lastExit });
    this.scheduleRestart();
  }

  private scheduleRestart(): void {
    this.backoffMs = backoffDelay(this.backoff, this.failuresInARow);
    this.setState('restarting');
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopping) return;
      this.restarts++;
      this.attempt().catch(() => {
        // attempt() already recorded the error and scheduled the next try
      });
    }, this.backoffMs);
    this.restartTimer.unref();
  }

  private async terminate(running: LaunchedPlugin): Promise<void> {
    running.transport.close();
    killGroup(running.pid, 'SIGTERM');
    const graceful = await Promise.race([
      running.exited.then(() => true),
      delay(this.opts.stopGraceMs ?? 2000).then(() => false),
    ]);
    // SIGKILL the group either way: a plugin may leave children behind when it exits.
    killGroup(running.pid, 'SIGKILL');
    if (!graceful) await Promise.race([running.exited, delay(2000)]);
    await running.cleanup();
  }

  private setState(state: PluginState): void {
    this.state = state;
    this.emit('state', this.status());
  }
}
