/**
 * What a supervised plugin reports (PluginProcess in plugin-process.ts): its state, the status
 * /metrics and the studio show, and the error a call gets while it is not serving. Kept apart
 * from the supervisor so metrics and transports read them without its machinery. How the
 * states follow each other is drawn at PluginProcess.
 */
export type PluginState = 'starting' | 'serving' | 'restarting' | 'failed' | 'stopped' | 'idle';

export interface PluginStatus {
  key: string;
  name: string;
  pluginDir: string;
  state: PluginState;
  pid: number | null;
  restarts: number;
  lastError: string | null;
  lastExit: { code: number | null; signal: string | null; at: string } | null;
  /** spawn → SERVING of the latest successful start */
  coldStartMs: number | null;
  servingSince: string | null;
  /** delay before the pending restart, when restarting */
  backoffMs: number | null;
}

export class PluginUnavailableError extends Error {
  override name = 'PluginUnavailableError';
  constructor(
    message: string,
    readonly state: PluginState,
  ) {
    super(message);
  }
}
