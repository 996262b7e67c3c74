import { Gauge, type Registry } from 'prom-client';
import type { PluginManager } from './plugin-manager.ts';
import type { PluginState } from './plugin-status.ts';

const states: PluginState[] = ['starting', 'serving', 'restarting', 'failed', 'stopped', 'idle'];

/**
 * Plugin state on the router's /metrics, read from the manager at scrape time:
 *   switchyard_plugin_up{plugin,build}                 1 while serving
 *   switchyard_plugin_state{plugin,build,state}        1 for the current state
 *   switchyard_plugin_restarts{plugin,build}           restarts since it was first started
 *   switchyard_plugin_cold_start_seconds{plugin,build} spawn → SERVING of the latest start
 */
export function registerPluginMetrics(
  registry: Registry,
  manager: PluginManager,
  prefix = 'switchyard_',
): void {
  const labelNames = ['plugin', 'build'] as const;
  const labels = (s: { name: string; key: string }) => ({ plugin: s.name, build: s.key });
  new Gauge({
    name: `${prefix}plugin_up`,
    help: 'Whether the plugin answers SERVING (1) or not (0)',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of manager.list()) this.set(labels(s), s.state === 'serving' ? 1 : 0);
    },
  });
  new Gauge({
    name: `${prefix}plugin_state`,
    help: 'The plugin supervisor state (1 for the current state)',
    labelNames: [...labelNames, 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const s of manager.list()) {
        for (const state of states) this.set({ ...labels(s), state }, s.state === state ? 1 : 0);
      }
    },
  });
  new Gauge({
    name: `${prefix}plugin_restarts`,
    help: 'How many times the supervisor restarted the plugin',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of manager.list()) this.set(labels(s), s.restarts);
    },
  });
  new Gauge({
    name: `${prefix}plugin_cold_start_seconds`,
    help: 'Spawn to SERVING of the latest successful start',
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const s of manager.list()) if (s.coldStartMs !== null) this.set(labels(s), s.coldStartMs / 1000);
    },
  });
}
