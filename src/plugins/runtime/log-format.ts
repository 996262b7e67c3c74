import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { prettyFactory } from 'pino-pretty';

/**
 * One log format for the whole process: the control plane (through Fastify), the router and
 * the plugin runtime all log with pino, so one stream holds one kind of line:
 * {"level":"info","time":"2026-…Z","component":"router","msg":"…",…}. ISO time and the level's
 * name read without a lookup table; `component` says which part spoke. On a terminal the
 * lines are printed pretty (pino-pretty); anywhere else, JSON for collectors.
 *
 * It lives on the plugins floor because every Node floor above it logs.
 */
export type Component = 'control-plane' | 'router' | 'plugins' | (string & {});
export type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function logOptions(component: Component, level: PinoLevel = 'info'): LoggerOptions {
  return {
    level,
    base: { component },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
}

/** Pretty lines for people at a terminal, JSON otherwise; SWITCHYARD_LOG_FORMAT=json|pretty decides when set. */
export function wantsPretty(
  stream: { isTTY?: boolean } = process.stdout,
  env: Record<string, string | undefined> = process.env,
): boolean {
  if (env.SWITCHYARD_LOG_FORMAT === 'json') return false;
  if (env.SWITCHYARD_LOG_FORMAT === 'pretty') return true;
  return stream.isTTY === true;
}

/** Synchronous, in-process pretty printing (no worker thread): lines appear in order with other output. */
export function prettyStream(destination: { write(s: string): unknown } = process.stdout): DestinationStream {
  const format = prettyFactory({
    colorize: destination === process.stdout && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname,component',
    messageFormat: '{if component}[{component}] {end}{msg}',
  });
  return { write: (line: string) => void destination.write(format(line)) };
}

/** The destination a component's logger writes to: given, or stdout (pretty on a terminal). */
export function logDestination(options: { write?: (line: string) => void; pretty?: boolean } = {}): DestinationStream {
  const raw: DestinationStream = options.write ? { write: options.write } : process.stdout;
  const usePretty = options.pretty ?? (options.write ? false : wantsPretty());
  return usePretty ? prettyStream(raw) : raw;
}

/**
 * A child logger whose fields replace the parent's fields of the same name. pino's own
 * child() appends bindings as text, so child({ component: 'plugins' }) under a "router" logger
 * prints "component":"router","component":"plugins" — a line JSON readers disagree about
 * (most keep the last, some the first, some refuse it). When a field is bound again, the
 * child is a fresh logger on the same destination with the merged fields as its base, so
 * every key stands once and keeps its place.
 */
export function childLogger(parent: Logger, fields: Record<string, unknown>): Logger {
  const bound = parent.bindings();
  if (!Object.keys(fields).some((key) => key in bound)) return parent.child(fields);
  const base = { ...bound, ...fields };
  const stream = (parent as unknown as Record<symbol, DestinationStream>)[pino.symbols.streamSym]!;
  return pino({ ...logOptions(String(base.component), parent.level as PinoLevel), base }, stream);
}

/**
 * Writes one line with its own fields: a field that names a key the logger already binds
 * replaces it (through childLogger) instead of repeating the key. `bound` is the logger's
 * bound keys, read once by the caller, since pino's bindings() parses them on every call.
 */
export function logLine(
  logger: Logger,
  bound: ReadonlySet<string>,
  level: 'debug' | 'info' | 'warn' | 'error',
  msg: string,
  fields?: Record<string, unknown>,
): void {
  if (!fields) logger[level](msg);
  else if (Object.keys(fields).some((key) => bound.has(key))) childLogger(logger, fields)[level](msg);
  else logger[level](fields, msg);
}

export function createLogger(
  component: Component,
  options: { level?: PinoLevel; write?: (line: string) => void; pretty?: boolean } = {},
): Logger {
  const quiet = options.level === 'silent';
  return pino(logOptions(component, options.level), logDestination(quiet ? { ...options, pretty: false } : options));
}
