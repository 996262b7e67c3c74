import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { canonicalJson } from '../../shared/router-config.ts';
import { listen, type RunningServer } from './helpers.ts';

/**
 * The control plane's three router endpoints, as the registry issue specifies them, on a real
 * HTTP server with a real SSE stream: enough to test the router's pull mode end to end.
 */
export class FakeControlPlane {
  private server: RunningServer | null = null;
  private current: { hash: string; json: string } | null = null;
  private readonly byHash = new Map<string, string>();
  private readonly clients = new Set<ServerResponse>();
  private port = 0;
  /** Every request: path, status, and the If-None-Match it carried. */
  readonly log: { path: string; status: number; ifNoneMatch: string | null }[] = [];
  /** When true the stream endpoint answers 503, so the router must poll. */
  streamBroken = false;
  /** When false, open streams go silent: no heartbeats and no events (a half-dead connection). */
  streamAlive = true;

  constructor(
    private readonly token: string,
    private readonly heartbeatMs = 200,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  publish(config: unknown): string {
    const hash = createHash('sha256').update(canonicalJson(config)).digest('hex');
    // Served byte for byte as canonical JSON, as the real control plane does.
    const json = canonicalJson(config);
    this.byHash.set(hash, json);
    this.current = { hash, json };
    for (const client of this.clients) this.announce(client);
    return hash;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const done = (status: number) =>
        this.log.push({
          path,
          status,
          ifNoneMatch: (req.headers['if-none-match'] as string | undefined) ?? null,
        });
      const json = (status: number, body: string, headers: Record<string, string> = {}) => {
        done(status);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(body);
      };
      if (path.startsWith('/cdn/v1/router-configs/')) {
        const hash = path.slice('/cdn/v1/router-configs/'.length).replace(/\.json$/, '');
        const body = this.byHash.get(hash);
        return body
          ? json(200, body, { 'cache-control': 'public, max-age=31536000, immutable' })
          : json(404, '{"error":{"code":"NOT_FOUND","message":"no such config"}}');
      }
      if (req.headers.authorization !== `Bearer ${this.token}`)
        return json(401, '{"error":{"code":"UNAUTHORIZED","message":"bad router token"}}');
      if (path === '/api/v1/router/config') {
        if (!this.current) return json(404, '{"error":{"code":"NOT_FOUND","message":"no config yet"}}');
        const etag = `"${this.current.hash}"`;
        if (req.headers['if-none-match'] === etag) {
          done(304);
          res.writeHead(304, { etag });
          return res.end();
        }
        return json(200, this.current.json, { etag });
      }
      if (path === '/api/v1/router/config/stream') {
        if (this.streamBroken) return json(503, '{"error":{"code":"UNAVAILABLE","message":"stream down"}}');
        done(200);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.write(': connected\n\n');
        this.clients.add(res);
        if (this.current) this.announce(res);
        const beat = setInterval(() => this.streamAlive && res.write(': heartbeat\n\n'), this.heartbeatMs);
        res.on('close', () => {
          clearInterval(beat);
          this.clients.delete(res);
        });
        return;
      }
      json(404, '{"error":{"code":"NOT_FOUND","message":"no route"}}');
    });
    this.server = await listen(server, this.port);
    this.port = this.server.port;
  }

  /** Goes away abruptly, streams included, as a crashed control plane would. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.destroy();
    this.clients.clear();
    await this.server?.close();
    this.server = null;
  }

  private announce(res: ServerResponse): void {
    if (!this.current || !this.streamAlive) return;
    const data = JSON.stringify({
      hash: this.current.hash,
      url: `/cdn/v1/router-configs/${this.current.hash}.json`,
    });
    res.write(`event: config\ndata: ${data}\n\n`);
  }
}
