import { EventEmitter } from 'node:events';
import type { PluginBuildRef } from '../../shared/router-config.ts';
import { PluginProcess, type PluginProcessOptions } from './plugin-process.ts';
import type { PluginStatus } from './plugin-status.ts';

/**
 * Runs each plugin once however many configs use it: a config that needs a plugin
 * acquires a lease (starting it if it is the first), and the plugin stops when the
 * last lease is released. A router swapping configs acquires for the new config
 * before releasing the old one, so a plugin both use keeps running.
 */
export interface PluginSpec {
  /** identity of the build; see pluginKey() */
  key: string;
  name: string;
  pluginDir: string;
  binaryPath?: string;
  /** see PluginProcessOptions.idleStopMs */
  idleStopMs?: number;
  /** on top of the manager's default env (undefined removes a variable) */
  env?: Record<string, string | undefined>;
}

export interface PluginLease {
  readonly key: string;
  readonly process: PluginProcess;
  /** resolves when the plugin first serves; rejects with the start error */
  readonly ready: Promise<void>;
  /** idempotent */
  release(): Promise<void>;
}

export type ManagedPluginStatus = PluginStatus & { leases: number };

export type PluginDefaults = Omit<PluginProcessOptions, 'key' | 'name' | 'pluginDir' | 'binaryPath' | 'idleStopMs'>;

interface Entry {
  process: PluginProcess;
  refs: number;
  ready: Promise<void>;
}

/** A build's identity: the same name and hash is the same plugin. */
export function pluginKey(ref: Pick<PluginBuildRef, 'name' | 'sha256'>): string {
  return `${ref.name}@${ref.sha256.slice(0, 16)}`;
}

export class PluginManager extends EventEmitter<{ state: [PluginStatus] }> {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly defaults: PluginDefaults = {}) {
    super();
    this.setMaxListeners(0);
  }

  acquire(spec: PluginSpec): PluginLease {
    let entry = this.entries.get(spec.key);
    if (!entry) {
      const process = new PluginProcess({
        ...this.defaults,
        key: spec.key,
        name: spec.name,
        pluginDir: spec.pluginDir,
        ...(spec.binaryPath ? { binaryPath: spec.binaryPath } : {}),
        ...(spec.idleStopMs ? { idleStopMs: spec.idleStopMs } : {}),
        ...(spec.env ? { env: { ...this.defaults.env, ...spec.env } } : {}),
      });
      process.on('state', (status) => this.emit('state', status));
      const ready = process.start();
      ready.catch(() => {
        // surfaced through lease.ready and the plugin's status
      });
      entry = { process, refs: 0, ready };
      this.entries.set(spec.key, entry);
    }
    entry.refs++;
    const held = entry;
    let released = false;
    return {
      key: spec.key,
      process: held.process,
      ready: held.ready,
      release: async () => {
        if (released) return;
        released = true;
        held.refs--;
        if (held.refs > 0 || this.entries.get(spec.key) !== held) return;
        this.entries.delete(spec.key);
        await held.process.stop();
      },
    };
  }

  get(key: string): PluginProcess | undefined {
    return this.entries.get(key)?.process;
  }

  list(): ManagedPluginStatus[] {
    return [...this.entries.values()].map((e) => ({ ...e.process.status(), leases: e.refs }));
  }

  /** Stops every plugin whatever its leases (router shutdown). */
  async stopAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((e) => e.process.stop()));
  }
}
