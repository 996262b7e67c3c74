import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { graphPaths } from '../../../shared/api/graph-paths.ts';
import {
  ROUTER_CONFIG_EVENT,
  ROUTER_STREAM_HEARTBEAT_MS,
  type RouterConfigEvent,
} from '../../../shared/api/router-tokens.ts';
import { graphRepos, type RegistryDeps } from '../registry-context.ts';
import type { RouterTokenService } from './router-token-service.ts';
import type { ConfigNotifier, NotifierEvent } from './config-notifier.ts';

/**
 * GET /api/v1/router/config/stream: Server-Sent Events telling a router about each new
 * config of its graph. On connect it sends the current config (if any) at once, so a
 * router that reconnects never misses a change; then one event per change, from
 * whichever instance made it (LISTEN/NOTIFY), and a comment every 15 s so proxies and
 * the router notice a dead connection.
 */
export function registerConfigStream(
  app: FastifyInstance,
  deps: RegistryDeps & { tokens: RouterTokenService; notifier: ConfigNotifier; heartbeatMs?: number },
): void {
  const open = new Set<() => void>();
  // Open streams would keep app.close() waiting forever: end them first.
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

  app.get(graphPaths.routerConfigStream, async (req, reply) => {
    // Authenticate before taking over the response, so a bad token still gets a JSON 401.
    const principal = await deps.tokens.authenticate(req.headers.authorization);
    const graphId = principal.graph.id;
    const res: ServerResponse = reply.raw;
    let lastHash: string | null = null;
    let sent = 0;
    let ended = false;
    const pending: NotifierEvent[] = [];
    let ready = false;

    const send = (hash: string) => {
      if (ended || hash === lastHash) return;
      lastHash = hash;
      sent++;
      const data: RouterConfigEvent = { hash, url: graphPaths.cdnRouterConfig(hash) };
      res.write(`event: ${ROUTER_CONFIG_EVENT}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    const resync = async () => {
      const before = sent;
      try {
        const latest = await graphRepos(deps.db).routerConfigs.latestHash(graphId);
        // A notification handled meanwhile is newer than what this read saw.
        if (latest && sent === before) send(latest.hash);
      } catch (err) {
        req.log.warn({ err }, 'router config stream could not read the latest config');
      }
    };
    const handle = (event: NotifierEvent) => {
      if (!ready) return void pending.push(event);
      if (event.kind === 'resync') return void resync();
      if (event.graphId !== graphId) return;
      if (event.kind === 'config') send(event.hash);
      else if (event.kind === 'graph_deleted' || event.tokenId === principal.tokenId) end();
    };

    // Subscribe before reading the current config, so a change in between is not lost.
    const unsubscribe = deps.notifier.subscribe(handle);
    const heartbeat = setInterval(() => {
      if (!ended) res.write(': heartbeat\n\n');
    }, deps.heartbeatMs ?? ROUTER_STREAM_HEARTBEAT_MS);
    heartbeat.unref();
    function end() {
      if (ended) return;
      ended = true;
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(end);
      res.end();
    }
    open.add(end);
    // The response's 'close' fires when the client goes away (the request's fires once its body is read).
    res.on('close', end);
    res.on('error', end);

    reply.hijack();
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and similar proxies otherwise buffer the stream
      'x-accel-buffering': 'no',
    });
    res.write(': connected\n\n');
    await resync();
    ready = true;
    for (const event of pending.splice(0)) handle(event);
    return reply;
  });
}
