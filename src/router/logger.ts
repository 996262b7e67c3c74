import type { Logger } from 'pino';
import { childLogger, createLogger, logLine } from '../plugins/runtime/log-format.ts';

/**
 * The router's logging interface, kept small so call sites and tests need nothing of pino.
 * Behind it is the process's one pino format (src/plugins/runtime/log-format.ts): JSON lines
 * with ISO time and the component, pretty on a terminal.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

export interface RouterLogger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): RouterLogger;
}

export interface JsonLoggerOptions {
  /** Minimum level; 'silent' drops everything. */
  level?: LogLevel | 'silent';
  /** Where lines go (one JSON object per line); default stdout, pretty when it is a terminal. */
  write?: (line: string) => void;
  /** Fields on every line; `component` names the part of the product that logs (default router). */
  fields?: LogFields;
  /** Force pretty (true) or JSON (false) lines; default: pretty only on a terminal. */
  pretty?: boolean;
}

export function createJsonLogger(options: JsonLoggerOptions = {}): RouterLogger {
  const { component = 'router', ...fields } = options.fields ?? {};
  const root = createLogger(String(component), {
    level: options.level ?? 'info',
    ...(options.write ? { write: options.write } : {}),
    ...(options.pretty !== undefined ? { pretty: options.pretty } : {}),
  });
  return wrap(Object.keys(fields).length ? root.child(serializable(fields)!) : root);
}

function wrap(logger: Logger): RouterLogger {
  // Keys already bound (component, graph, …): a line's own field of the same name replaces the
  // bound one instead of printing the key twice (see childLogger).
  const bound = new Set(Object.keys(logger.bindings()));
  const at = (level: LogLevel) => (msg: string, fields?: LogFields) => {
    // The router logs a debug line per request; copying its fields when debug is off was waste.
    if (!logger.isLevelEnabled(level)) return;
    logLine(logger, bound, level, msg, serializable(fields));
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(childLogger(logger, serializable(fields)!)),
  };
}

export const silentLogger: RouterLogger = createJsonLogger({ level: 'silent' });

/** Maps the LOG_LEVEL values the control plane accepts onto ours. */
export function parseLogLevel(value: string | undefined): LogLevel | 'silent' {
  switch (value) {
    case 'trace':
    case 'debug':
      return 'debug';
    case 'warn':
      return 'warn';
    case 'error':
    case 'fatal':
      return 'error';
    case 'silent':
      return 'silent';
    default:
      return 'info';
  }
}

function serializable(fields: LogFields | undefined): LogFields | undefined {
  if (!fields) return fields;
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields))
    out[k] = v instanceof Error ? { name: v.name, message: v.message } : v;
  return out;
}
