import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useSubgraphHttpClient } from './subgraph-http-client.ts';

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** The fetch the plugin leaves for one call: its own, or the engine's (`fallback`) untouched. */
function fetchFor(url: string, options: RequestInit, fallback: Fetch): Fetch {
  let chosen = fallback;
  const onFetch = useSubgraphHttpClient().onFetch as (payload: unknown) => void;
  onFetch({ url, options, fetchFn: fallback, setFetchFn: (f: Fetch) => (chosen = f) });
  return chosen;
}

const served = new WeakSet<object>();
let dropNextReused = false;
const seen: { method?: string; headers: IncomingMessage['headers']; body: string; port: number }[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body, port: req.socket.remotePort! });
      if (req.url === '/gzip') {
        res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        res.end(gzipSync('{"data":{"zipped":true}}'));
      } else if (req.url === '/flaky' && dropNextReused && served.has(req.socket)) {
        // As a subgraph closing an idle kept-alive socket just as the router reuses it.
        dropNextReused = false;
        req.socket.destroy();
      } else if (req.url === '/moved') {
        res.writeHead(307, { location: '/graphql' });
        res.end();
      } else if (req.url === '/slow') {
        setTimeout(() => res.end('{}'), 5_000).unref();
      } else if (req.url === '/defer') {
        res.writeHead(200, { 'content-type': 'multipart/mixed; boundary="-"' });
        res.write('---\r\ncontent-type: application/json\r\n\r\n{"data":{}}\r\n');
        setTimeout(() => res.end('-----\r\n'), 20);
      } else {
        served.add(req.socket);
        res.writeHead(200, { 'content-type': 'application/graphql-response+json', 'x-served': 'yes' });
        res.end(JSON.stringify({ data: { echo: body } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (body = '{"query":"{ a }"}', extra: RequestInit = {}): RequestInit => ({
  method: 'POST',
  body,
  headers: { accept: 'application/graphql-response+json, application/json', 'content-type': 'application/json' },
  ...extra,
});

describe('the subgraph HTTP client', () => {
  it('sends a POST itself on a kept-alive connection and answers what the engine reads', async () => {
    const engine = vi.fn<Fetch>();
    seen.length = 0;
    for (let i = 0; i < 2; i++) {
      const res = await fetchFor(`${base}/graphql`, post(), engine)(`${base}/graphql`, post());
      expect(res.status).toBe(200);
      expect(res.ok).toBe(true);
      expect(res.headers.get('Content-Type')).toBe('application/graphql-response+json');
      expect(Object.fromEntries(res.headers.entries())['x-served']).toBe('yes');
      expect(JSON.parse(await res.text())).toEqual({ data: { echo: '{"query":"{ a }"}' } });
    }
    expect(engine).not.toHaveBeenCalled();
    expect(seen.map((s) => s.method)).toEqual(['POST', 'POST']);
    expect(seen[0]!.headers['content-type']).toBe('application/json');
    expect(seen[0]!.headers['content-length']).toBe('17');
    // The second call reused the first one's socket.
    expect(seen[1]!.port).toBe(seen[0]!.port);
  });

  it('sends a call again when the subgraph closed the reused socket as it was written', async () => {
    const first = await fetchFor(`${base}/flaky`, post(), vi.fn())(`${base}/flaky`, post());
    expect(first.status).toBe(200);
    seen.length = 0;
    // The next call goes out on the same kept-alive socket, which the subgraph now closes.
    dropNextReused = true;
    const again = await fetchFor(`${base}/flaky`, post(), vi.fn())(`${base}/flaky`, post());
    expect(JSON.parse(await again.text())).toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(seen.length).toBe(2);
    expect(seen[1]!.port).not.toBe(seen[0]!.port);
  });

  it('never sends a mutation twice, even when the reused socket was closed on it', async () => {
    const body = '{"query":"mutation { a }"}';
    const first = await fetchFor(`${base}/flaky`, post(body), vi.fn())(`${base}/flaky`, post(body));
    expect(first.status).toBe(200);
    seen.length = 0;
    dropNextReused = true;
    await expect(fetchFor(`${base}/flaky`, post(body), vi.fn())(`${base}/flaky`, post(body))).rejects.toThrow();
    expect(seen.length).toBe(1);
  });

  it('decodes a compressed answer', async () => {
    const res = await fetchFor(`${base}/gzip`, post(), vi.fn())(`${base}/gzip`, post());
    expect(await res.json()).toEqual({ data: { zipped: true } });
  });

  it('hands a streamed answer over unbuffered', async () => {
    const res = await fetchFor(`${base}/defer`, post(), vi.fn())(`${base}/defer`, post());
    const body = res.body as unknown as AsyncIterable<Buffer>;
    expect(typeof (body as unknown as { pipe?: unknown }).pipe).toBe('function');
    let text = '';
    for await (const chunk of body) text += chunk.toString();
    expect(text).toContain('{"data":{}}');
  });

  it('leaves redirects to the engine fetch, at the new address', async () => {
    const engine = vi.fn<Fetch>().mockResolvedValue(new Response('{"data":{}}'));
    const res = await fetchFor(`${base}/moved`, post(), engine)(`${base}/moved`, post());
    expect(engine).toHaveBeenCalledWith(`${base}/graphql`, expect.objectContaining({ method: 'POST' }));
    expect(await res.text()).toBe('{"data":{}}');
  });

  it('stops when the call is aborted', async () => {
    const controller = new AbortController();
    const call = fetchFor(`${base}/slow`, post(), vi.fn())(`${base}/slow`, post(undefined, { signal: controller.signal }));
    setTimeout(() => controller.abort(new Error('deadline')), 20);
    await expect(call).rejects.toThrow();
  });

  it('keeps the engine fetch for every other kind of call', () => {
    const engine = vi.fn<Fetch>();
    const kept = (url: string, init: RequestInit) => fetchFor(url, init, engine) === engine;
    expect(kept(`${base}/graphql`, post())).toBe(false);
    expect(kept(`${base}/graphql`, { method: 'GET' })).toBe(true);
    expect(kept(`${base}/graphql`, post(undefined, { body: new FormData() }))).toBe(true);
    expect(kept(`${base}/graphql`, post(undefined, { headers: { accept: 'text/event-stream' } }))).toBe(true);
    expect(kept(`${base}/graphql`, post(undefined, { redirect: 'manual' }))).toBe(true);
    expect(kept('file:///tmp/x', post())).toBe(true);
  });
});
