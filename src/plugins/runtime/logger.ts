/**
 * The plugin runtime logs through this small interface so the router can route the
 * lines (including each plugin's stderr) into its own structured logs.
 */
import { createLogger, logLine } from './log-format.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface PluginLogger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}

/** The process's one log format (log-format.ts) on stderr, component "plugins". */
export function jsonLogger(
  minLevel: LogLevel = 'info',
  write = (line: string) => void process.stderr.write(line),
): PluginLogger {
  const logger = createLogger('plugins', { level: minLevel, write });
  const bound = new Set(Object.keys(logger.bindings()));
  return {
    // A plugin's own stderr fields may name `component` too; it replaces ours rather than repeat the key.
    log: (level, message, fields) => logLine(logger, bound, level, message, fields),
  };
}

export const silentLogger: PluginLogger = { log() {} };

/** Keeps lines in memory; tests read them. */
export function memoryLogger(): PluginLogger & {
  lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[];
} {
  const lines: { level: LogLevel; message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    log(level, message, fields) {
      lines.push(fields ? { level, message, fields } : { level, message });
    },
  };
}

/**
 * go-plugin plugins usually log hclog JSON to stderr ({"@level","@message",…});
 * anything else is taken as a plain line at info level.
 */
export function parsePluginLogLine(line: string): {
  level: LogLevel;
  message: string;
  fields?: Record<string, unknown>;
} {
  const trimmed = line.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      const obj = JSON.parse(trimmed) as Record<string, unknown>;
      const rawLevel = String(obj['@level'] ?? obj['level'] ?? 'info').toLowerCase();
      const message = String(obj['@message'] ?? obj['msg'] ?? obj['message'] ?? trimmed);
      const fields: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(obj)) {
        if (!['@level', 'level', '@message', 'msg', 'message', '@timestamp', 'time'].includes(k))
          fields[k] = v;
      }
      return { level: toLevel(rawLevel), message, fields };
    } catch {
      // not JSON after all
    }
  }
  return { level: 'info', message: trimmed };
}

function toLevel(raw: string): LogLevel {
  if (raw.startsWith('err') || raw === 'fatal' || raw === 'panic') return 'error';
  if (raw.startsWith('warn')) return 'warn';
  if (raw === 'debug' || raw === 'trace') return 'debug';
  return 'info';
}
