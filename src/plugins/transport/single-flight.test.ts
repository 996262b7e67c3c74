import { parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { createMockService } from '../mock/mock-service.ts';
import { serveGrpcService, type RunningServer } from '../sdk/serve.ts';
import { countingChannel } from '../testing/fixtures.ts';
import { createGrpcExecutor, tcpChannel, type GrpcChannel } from './executor.ts';
import { SingleFlight } from './single-flight.ts';

describe('SingleFlight', () => {
  const deferred = () => {
    let resolve!: (v: string) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<string>((res, rej) => ((resolve = res), (reject = rej)));
    return { promise, resolve, reject };
  };

  it('shares one call between identical requests in flight, and starts a new one after', async () => {
    const flights = new SingleFlight<string>();
    let started = 0;
    const d = deferred();
    const start = () => (started++, d.promise);
    const a = flights.run('k', start);
    const b = flights.run('k', start);
    const other = flights.run('other', () => Promise.resolve('other'));
    d.resolve('answer');
    expect(await Promise.all([a, b, other])).toEqual(['answer', 'answer', 'other']);
    expect(started).toBe(1);
    expect(flights.size).toBe(0);
    await flights.run('k', () => (started++, Promise.resolve('again')));
    expect(started).toBe(2);
  });

  it('gives every caller the failure, then forgets it', async () => {
    const flights = new SingleFlight<string>();
    const d = deferred();
    const a = flights.run('k', () => d.promise);
    const b = flights.run('k', () => d.promise);
    d.reject(new Error('plugin went away'));
    await expect(a).rejects.toThrow('plugin went away');
    await expect(b).rejects.toThrow('plugin went away');
    expect(await flights.run('k', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('lets one caller give up without cancelling the call for the others', async () => {
    const flights = new SingleFlight<string>();
    const d = deferred();
    const controller = new AbortController();
    const quitter = flights.run('k', () => d.promise, controller.signal);
    const patient = flights.run('k', () => d.promise);
    controller.abort();
    await expect(quitter).rejects.toThrow(/cancelled/);
    d.resolve('still here');
    expect(await patient).toBe('still here');
  });

  it('cancels the shared call once every caller has given up, and starts afresh after', async () => {
    const flights = new SingleFlight<string>();
    const d = deferred();
    let sharedSignal: AbortSignal | undefined;
    const start = (s: AbortSignal) => ((sharedSignal = s), d.promise);
    const first = new AbortController();
    const second = new AbortController();
    const a = flights.run('k', start, first.signal);
    const b = flights.run('k', start, second.signal);
    first.abort();
    await expect(a).rejects.toThrow(/cancelled/);
    expect(sharedSignal!.aborted).toBe(false); // the second caller still waits
    second.abort();
    await expect(b).rejects.toThrow(/cancelled/);
    expect(sharedSignal!.aborted).toBe(true);
    expect(flights.size).toBe(0);
    expect(await flights.run('k', () => Promise.resolve('new call'))).toBe('new call');
  });
});

// The executor shares identical query RPCs in flight, never mutations, and can be told not to.
const sdl = /* GraphQL */ `
  type Product @key(fields: "id") {
    id: ID!
    name: String!
  }
  type Query {
    product(id: ID!): Product
  }
  type Mutation {
    renameProduct(id: ID!, name: String!): Product
  }
`;
const files = generateGrpcFiles(sdl, { pluginName: 'shop' });
let server: RunningServer;

beforeAll(async () => {
  server = await serveGrpcService(createMockService({ sdl, ...files }), { host: '127.0.0.1', port: 0 });
});
afterAll(() => server.close());

function executorWith(deduplicate: boolean) {
  const channel = countingChannel(tcpChannel(server.address));
  // Calls wait a moment before going out, so that concurrent requests really overlap.
  const slow: GrpcChannel = {
    transport: async (waitMs, signal) => {
      const inner = await channel.transport(waitMs, signal);
      return { ...inner, call: (p, r, o) => new Promise((res) => setTimeout(res, 20)).then(() => inner.call(p, r, o)) };
    },
  };
  const executor = createGrpcExecutor({ name: 'shop', sdl, ...files, channel: slow, deduplicate });
  const run = async (query: string) => (await executor({ document: parse(query) })) as ExecutionResult;
  return { channel, run };
}

describe('executor request sharing', () => {
  it('sends identical concurrent queries once, and different ones each', async () => {
    const { channel, run } = executorWith(true);
    const results = await Promise.all([
      run('{ product(id: "p-1") { id name } }'),
      run('{ product(id: "p-1") { id name } }'),
      run('{ product(id: "p-1") { name } }'),
      run('{ product(id: "p-2") { id } }'),
    ]);
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined, undefined]);
    expect(results[0]).toEqual(results[1]);
    expect((results[2]!.data as { product: { name: string } }).product.name).toBe(
      (results[0]!.data as { product: { name: string } }).product.name,
    );
    // p-1 (three requests, same RPC request) once; p-2 once.
    expect(channel.calls).toEqual(['QueryProduct', 'QueryProduct']);
  });

  it('never shares mutations', async () => {
    const { channel, run } = executorWith(true);
    const m = 'mutation { renameProduct(id: "p-1", name: "New") { id name } }';
    await Promise.all([run(m), run(m)]);
    expect(channel.calls).toEqual(['MutationRenameProduct', 'MutationRenameProduct']);
  });

  it('sends every request when sharing is off', async () => {
    const { channel, run } = executorWith(false);
    await Promise.all([run('{ product(id: "p-1") { id } }'), run('{ product(id: "p-1") { id } }')]);
    expect(channel.calls).toEqual(['QueryProduct', 'QueryProduct']);
  });
});
