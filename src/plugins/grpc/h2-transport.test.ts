import * as grpc from '@grpc/grpc-js';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GrpcCallError, type GrpcClientKind, type UnaryTransport } from './call.ts';
import { createUnaryTransport } from './unary-transport.ts';

// The router's HTTP/2 client against a real grpc-js server, over a Unix socket and over TCP,
// next to grpc-js's own client: both must give the same answers and the same status codes.
const bytes: grpc.MethodDefinition<Buffer, Buffer> = {
  path: '/switchyard.test.Probe/Call',
  requestStream: false,
  responseStream: false,
  requestSerialize: (b) => b,
  requestDeserialize: (b) => b,
  responseSerialize: (b) => b,
  responseDeserialize: (b) => b,
};

type Command =
  | { echo: string }
  | { fail: number; message: string }
  | { delayMs: number }
  | { bytes: number }
  | { empty: true };

async function startServer(address: string): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  server.addService({ Call: bytes } as grpc.ServiceDefinition, {
    Call(call: grpc.ServerUnaryCall<Buffer, Buffer>, callback: grpc.sendUnaryData<Buffer>) {
      const cmd = JSON.parse(call.request.toString()) as Command;
      if ('echo' in cmd) callback(null, Buffer.from(`${cmd.echo}|${String(call.metadata.get('x-tenant')[0] ?? '')}`));
      else if ('fail' in cmd) callback({ code: cmd.fail, details: cmd.message });
      else if ('delayMs' in cmd) setTimeout(() => callback(null, Buffer.from('late')), cmd.delayMs);
      else if ('bytes' in cmd) callback(null, Buffer.alloc(cmd.bytes, 97));
      else callback(null, Buffer.alloc(0));
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync(address, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { server, port };
}

const stop = (server: grpc.Server) => new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
const send = (t: UnaryTransport, cmd: Command, options: Partial<Parameters<UnaryTransport['call']>[2]> = {}) =>
  t.call(bytes.path, Buffer.from(JSON.stringify(cmd)), { deadlineMs: 5000, ...options });
const text = async (p: Promise<Uint8Array>) => Buffer.from(await p).toString();
const failure = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrpcCallError);
  return err as GrpcCallError;
};

let dir: string;
let unixServer: grpc.Server;
let tcpServer: grpc.Server;
let targets: Record<'unix' | 'tcp', string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'swy-h2-test-'));
  const socket = path.join(dir, 'probe.sock');
  unixServer = (await startServer(`unix://${socket}`)).server;
  const tcp = await startServer('127.0.0.1:0');
  tcpServer = tcp.server;
  targets = { unix: `unix://${socket}`, tcp: `127.0.0.1:${tcp.port}` };
});

afterAll(async () => {
  await stop(unixServer);
  await stop(tcpServer);
  await rm(dir, { recursive: true, force: true });
});

describe.each([
  ['http2', 'unix'],
  ['http2', 'tcp'],
  ['grpc-js', 'unix'],
  ['grpc-js', 'tcp'],
] as [GrpcClientKind, 'unix' | 'tcp'][])('%s client over %s', (kind, where) => {
  let t: UnaryTransport;
  beforeAll(() => {
    t = createUnaryTransport(targets[where], kind);
  });
  afterAll(() => t.close());

  it('answers calls, many at once on one connection, with metadata', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => text(send(t, { echo: `call ${i}` }, { metadata: { 'x-tenant': 'acme' } }))),
    );
    expect(answers).toEqual(Array.from({ length: 50 }, (_, i) => `call ${i}|acme`));
    expect((await send(t, { empty: true })).length).toBe(0);
  });

  it('carries a large response whole', async () => {
    const big = await send(t, { bytes: 12 * 1024 * 1024 });
    expect(big.length).toBe(12 * 1024 * 1024);
    expect(big[big.length - 1]).toBe(97);
  });

  it('reports the status and message a handler failed with', async () => {
    const err = await failure(send(t, { fail: grpc.status.NOT_FOUND, message: 'no product "p-9" (100% sure, ü)' }));
    expect(err.code).toBe(grpc.status.NOT_FOUND);
    expect(err.details).toBe('no product "p-9" (100% sure, ü)');
  });

  it('reports a method the server does not have as UNIMPLEMENTED', async () => {
    const err = await failure(t.call('/switchyard.test.Probe/Missing', Buffer.from('{}'), { deadlineMs: 5000 }));
    expect(err.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  it('gives up at the deadline and keeps working afterwards', async () => {
    const started = Date.now();
    const err = await failure(send(t, { delayMs: 1000 }, { deadlineMs: 100 }));
    expect(err.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(900);
    expect(await text(send(t, { echo: 'after' }))).toBe('after|');
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = send(t, { delayMs: 1000 }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    expect((await failure(pending)).code).toBe(grpc.status.CANCELLED);
    const aborted = AbortSignal.abort();
    expect((await failure(send(t, { echo: 'x' }, { signal: aborted }))).code).toBe(grpc.status.CANCELLED);
  });
});

describe('http2 client connections', () => {
  it('reports nobody listening as UNAVAILABLE', async () => {
    const t = createUnaryTransport(`unix://${path.join(dir, 'nobody.sock')}`, 'http2');
    const err = await failure(send(t, { echo: 'x' }));
    expect(err.code).toBe(grpc.status.UNAVAILABLE);
    expect(err.details).toContain('nobody.sock');
    t.close();
  });

  it('reconnects to a server restarted at the same address', async () => {
    const socket = `unix://${path.join(dir, 'restart.sock')}`;
    let { server } = await startServer(socket);
    const t = createUnaryTransport(socket, 'http2');
    expect(await text(send(t, { echo: 'one' }))).toBe('one|');
    server.forceShutdown();
    expect((await failure(send(t, { echo: 'down' }))).code).toBe(grpc.status.UNAVAILABLE);
    ({ server } = await startServer(socket));
    expect(await text(send(t, { echo: 'two' }))).toBe('two|');
    t.close();
    expect((await failure(send(t, { echo: 'closed' }))).code).toBe(grpc.status.UNAVAILABLE);
    await stop(server);
  });

  it('refuses an address that is not one', () => {
    expect(() => createUnaryTransport('not an address', 'http2')).toThrow(/not a gRPC address/);
  });
});
