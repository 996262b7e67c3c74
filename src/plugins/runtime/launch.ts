import { spawn, type ChildProcess } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkHealthOver, PLUGIN_HEALTH_SERVICE } from '../grpc/health.ts';
import type { GrpcClientKind, UnaryTransport } from '../grpc/call.ts';
import { createUnaryTransport, grpcClientKind } from '../grpc/unary-transport.ts';
import { killGroup, parentDeathWrapper, trackChildGroup, untrackChildGroup } from './child-registry.ts';
import { HandshakeError, parseHandshake, type Handshake } from './handshake.ts';
import { parsePluginLogLine, type PluginLogger } from './logger.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSION } from './platform.ts';

/**
 * One start of a plugin binary, as go-plugin's host does it: spawn it in its own
 * process group with the magic cookie, read the handshake line from stdout, dial
 * the address it names and wait for grpc.health.v1 "plugin" to be SERVING.
 */
export interface LaunchOptions {
  name: string;
  binaryPath: string;
  startupConfig: Record<string, unknown>;
  /** on top of the host's environment; a variable set to undefined is removed */
  env?: Record<string, string | undefined> | undefined;
  handshakeTimeoutMs: number;
  healthTimeoutMs: number;
  logger: PluginLogger;
  /** aborts the start (the supervisor is stopping) */
  signal?: AbortSignal;
  /** the client for calls once serving (default: SWITCHYARD_GRPC_CLIENT, else http2) */
  grpcClient?: GrpcClientKind;
}

export interface LaunchedPlugin {
  pid: number;
  child: ChildProcess;
  /** calls to the serving plugin, on the connection its health was checked on */
  transport: UnaryTransport;
  handshake: Handshake;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** removes the socket directory made for this start */
  cleanup(): Promise<void>;
}

export class PluginStartError extends Error {
  override name = 'PluginStartError';
  constructor(
    message: string,
    /** retrying cannot help (missing or non-executable binary) */
    readonly permanent = false,
  ) {
    super(message);
  }
}

const CAPTURE_BYTES = 400;

export async function launchPlugin(opts: LaunchOptions): Promise<LaunchedPlugin> {
  const grpcClient = opts.grpcClient ?? grpcClientKind();
  await checkBinary(opts.binaryPath);
  sweeping ??= sweepStaleSocketDirs();
  await sweeping;
  // The host's pid in the name lets a later router remove what a killed one left behind.
  const socketDir = await mkdtemp(path.join(os.tmpdir(), `swy-plugin-${process.pid}-`));
  const cleanup = () => rm(socketDir, { recursive: true, force: true });
  const wrapper = parentDeathWrapper();
  const env: Record<string, string | undefined> = {
    ...process.env,
    ...opts.env,
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: String(PLUGIN_PROTOCOL_VERSION),
    PLUGIN_UNIX_SOCKET_DIR: socketDir,
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    startup_config: JSON.stringify(opts.startupConfig),
  };
  const child = wrapper
    ? spawn(wrapper, ['--pdeathsig', 'SIGKILL', '--', opts.binaryPath], {
        detached: true,
        stdio: 'pipe',
        env,
      })
    : spawn(opts.binaryPath, [], { detached: true, stdio: 'pipe', env });
  const log = (
    level: 'debug' | 'info' | 'warn' | 'error',
    message: string,
    fields?: Record<string, unknown>,
  ) => opts.logger.log(level, message, { plugin: opts.name, pid: child.pid, ...fields });

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      if (child.pid) untrackChildGroup(child.pid);
      resolve({ code, signal });
    });
  });
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  if (child.pid) trackChildGroup(child.pid, opts.name);

  let stdoutHead = '';
  let stderrHead = '';
  let handshakeLine: string | null = null;
  let resolveLine!: (line: string) => void;
  const firstLine = new Promise<string>((resolve) => (resolveLine = resolve));
  forEachLine(child.stdout!, (line, raw) => {
    if (stdoutHead.length < CAPTURE_BYTES) stdoutHead += raw.slice(0, CAPTURE_BYTES - stdoutHead.length);
    if (handshakeLine === null) {
      if (line.trim() === '') return;
      handshakeLine = line;
      resolveLine(line);
      return;
    }
    log('info', line, { stream: 'stdout' });
  });
  forEachLine(child.stderr!, (line, raw) => {
    if (stderrHead.length < CAPTURE_BYTES) stderrHead += raw.slice(0, CAPTURE_BYTES - stderrHead.length);
    if (line.trim() === '') return;
    const parsed = parsePluginLogLine(line);
    log(parsed.level, parsed.message, { stream: 'stderr', ...parsed.fields });
  });

  const drained = Promise.all(
    [child.stdout!, child.stderr!].map(
      (s) => new Promise<void>((resolve) => s.once('close', () => resolve())),
    ),
  );
  const fail = async (reason: string, permanent = false): Promise<never> => {
    if (child.pid) killGroup(child.pid, 'SIGKILL');
    // Output can still be in the pipes after the exit; the message and the logs want all of it.
    await Promise.race([Promise.all([exited, drained]), delay(1000)]);
    await cleanup();
    const seen = [
      `stdout: ${JSON.stringify(stdoutHead || '(nothing)')}`,
      `stderr: ${JSON.stringify(stderrHead || '(nothing)')}`,
    ].join(', ');
    throw new PluginStartError(`plugin "${opts.name}" (${opts.binaryPath}) ${reason}; ${seen}`, permanent);
  };

  const first = await Promise.race([
    firstLine.then((line) => ({ kind: 'line' as const, line })),
    exited.then((e) => ({ kind: 'exit' as const, ...e })),
    spawnError.then((error) => ({ kind: 'error' as const, error })),
    delay(opts.handshakeTimeoutMs).then(() => ({ kind: 'timeout' as const })),
    aborted(opts.signal).then(() => ({ kind: 'aborted' as const })),
  ]);
  if (first.kind === 'aborted') return fail('was stopped while starting');
  if (first.kind === 'error') {
    return fail(`could not be started: ${first.error.message}`, true);
  }
  if (first.kind === 'exit') {
    return fail(`exited (${first.signal ?? `code ${first.code}`}) before printing a go-plugin handshake`);
  }
  if (first.kind === 'timeout') {
    return fail(`printed no go-plugin handshake within ${opts.handshakeTimeoutMs} ms`);
  }
  let handshake: Handshake;
  try {
    handshake = parseHandshake(first.line, [PLUGIN_PROTOCOL_VERSION]);
  } catch (err) {
    const why = err instanceof HandshakeError ? err.message : String(err);
    return fail(`printed an invalid handshake ${JSON.stringify(first.line.slice(0, 120))}: ${why}`);
  }

  const target = handshake.network === 'unix' ? `unix://${handshake.address}` : handshake.address;
  // Health is checked on the transport the calls then use: the first call after a start (the
  // request that woke an idle plugin) finds its connection open, and no second client is
  // set up and torn down per start (that was a grpc-js channel, tens of ms; decision 0018).
  const transport = createUnaryTransport(target, grpcClient);
  const deadline = Date.now() + opts.healthTimeoutMs;
  let lastHealth = 'no answer';
  let exitedEarly = false;
  void exited.then(() => (exitedEarly = true));
  while (Date.now() < deadline && !exitedEarly && !opts.signal?.aborted) {
    try {
      const status = await checkHealthOver(transport, PLUGIN_HEALTH_SERVICE, Math.min(1000, deadline - Date.now()));
      if (status === 'SERVING') {
        log('info', 'plugin is serving', { address: handshake.address });
        return { pid: child.pid!, child, transport, handshake, exited, cleanup };
      }
      lastHealth = `status ${status}`;
    } catch (err) {
      lastHealth = err instanceof Error ? err.message : String(err);
    }
    await delay(25);
  }
  transport.close();
  if (opts.signal?.aborted) return fail('was stopped while starting');
  return fail(
    exitedEarly
      ? 'exited before its health check answered SERVING'
      : `did not answer SERVING for health service "plugin" within ${opts.healthTimeoutMs} ms (${lastHealth})`,
  );
}

let sweeping: Promise<void> | null = null;

/** Socket directories of routers that no longer run (killed with SIGKILL, which no hook sees). */
export async function sweepStaleSocketDirs(): Promise<void> {
  const tmp = os.tmpdir();
  const names = await readdir(tmp).catch(() => [] as string[]);
  for (const name of names) {
    const owner = /^swy-plugin-(\d+)-/.exec(name)?.[1];
    if (!owner || Number(owner) === process.pid || processExists(Number(owner))) continue;
    await rm(path.join(tmp, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function checkBinary(binaryPath: string): Promise<void> {
  let info;
  try {
    info = await stat(binaryPath);
  } catch {
    throw new PluginStartError(`plugin binary not found at ${binaryPath}`, true);
  }
  if (!info.isFile()) throw new PluginStartError(`plugin binary ${binaryPath} is not a file`, true);
  if (info.size === 0) throw new PluginStartError(`plugin binary ${binaryPath} is empty`, true);
  try {
    await access(binaryPath, fsConstants.X_OK);
  } catch {
    throw new PluginStartError(`plugin binary ${binaryPath} is not executable`, true);
  }
}

function forEachLine(stream: NodeJS.ReadableStream, onLine: (line: string, raw: string) => void): void {
  let buffer = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    buffer += chunk;
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      onLine(line.replace(/\r$/, ''), `${line}\n`);
    }
    if (buffer.length > 64 * 1024) {
      onLine(buffer, buffer);
      buffer = '';
    }
  });
  stream.on('end', () => {
    if (buffer) onLine(buffer, buffer);
    buffer = '';
  });
}

function aborted(signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
