import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HealthService, PLUGIN_HEALTH_SERVICE } from '../grpc/health.ts';
import { formatHandshake } from '../runtime/handshake.ts';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE, PLUGIN_PROTOCOL_VERSION } from '../runtime/platform.ts';
import type { PluginService } from './service.ts';

/**
 * Two ways to serve the same service; a plugin's entry file picks one:
 *  - servePlugin(): a go-plugin plugin, as Cosmo's router and Switchyard's start it
 *    (unix socket, handshake line on stdout, health service "plugin" SERVING);
 *  - serveGrpcService(): a standalone grpc_service over TCP (h2c) at host:port.
 */
export interface RunningServer {
  server: grpc.Server;
  /** "unix:///…/plugin.sock" or "host:port" */
  address: string;
  port: number | null;
  close(): Promise<void>;
}

function createServer(services: PluginService | PluginService[]): grpc.Server {
  const server = new grpc.Server({
    'grpc.max_receive_message_length': 64 * 1024 * 1024,
    'grpc.max_send_message_length': 64 * 1024 * 1024,
    // channelz tracks every call for a debugging service nobody queries here.
    'grpc.enable_channelz': 0,
  });
  for (const s of Array.isArray(services) ? services : [services])
    server.addService(s.definition, s.implementation);
  const health = new HealthService();
  health.set('', 'SERVING');
  health.set(PLUGIN_HEALTH_SERVICE, 'SERVING');
  health.addTo(server);
  return server;
}

function bind(server: grpc.Server, address: string): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
}

function shutdown(server: grpc.Server): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, 1000);
    server.tryShutdown(() => {
      clearTimeout(force);
      resolve();
    });
  });
}

export async function servePlugin(services: PluginService | PluginService[]): Promise<RunningServer> {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write(
      'This binary is a router plugin (go-plugin protocol). It is started by the Switchyard or Cosmo router, ' +
        'not run directly.\n',
    );
    process.exit(1);
  }
  const versions = (process.env['PLUGIN_PROTOCOL_VERSIONS'] ?? String(PLUGIN_PROTOCOL_VERSION)).split(',');
  if (!versions.includes(String(PLUGIN_PROTOCOL_VERSION))) {
    process.stderr.write(
      `Unsupported plugin protocol versions "${versions.join(',')}" (this plugin speaks 1).\n`,
    );
    process.exit(1);
  }
  const hostDir = process.env['PLUGIN_UNIX_SOCKET_DIR'];
  const socketDir = hostDir || mkdtempSync(path.join(os.tmpdir(), 'plugin-'));
  const socketPath = path.join(socketDir, `plugin-${process.pid}.sock`);
  rmSync(socketPath, { force: true });
  const server = createServer(services);
  await bind(server, `unix://${socketPath}`);

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= shutdown(server).then(() => {
      rmSync(hostDir ? socketPath : socketDir, { recursive: true, force: true });
    }));
  const exit = () => void close().finally(() => process.exit(0));
  process.once('SIGTERM', exit);
  process.once('SIGINT', exit);
  // The host's death must not leave the plugin behind, even if nothing signals it:
  // once re-parented, exit.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) exit();
  }, 500).unref();

  process.stdout.write(`${formatHandshake('unix', socketPath)}\n`);
  return { server, address: `unix://${socketPath}`, port: null, close };
}

export async function serveGrpcService(
  services: PluginService | PluginService[],
  options: { host?: string; port?: number } = {},
): Promise<RunningServer> {
  const host = options.host ?? process.env['HOST'] ?? '0.0.0.0';
  const requested = options.port ?? Number(process.env['PORT'] ?? 50051);
  const server = createServer(services);
  const port = await bind(server, `${host.includes(':') ? `[${host}]` : host}:${requested}`);
  const address = `${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return { server, address, port, close: () => shutdown(server) };
}
