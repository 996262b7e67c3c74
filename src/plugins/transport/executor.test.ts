import { OperationTypeNode, parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { createMockService } from '../mock/mock-service.ts';
import { serveGrpcService, type RunningServer } from '../sdk/serve.ts';
import { defineService } from '../sdk/service.ts';
import { catalogSdl, countingChannel } from '../testing/fixtures.ts';
import { createGrpcExecutor, tcpChannel, type GrpcExecutor } from './executor.ts';

// The executor against the generic mock served in-process over TCP (h2c): the mapping
// from GraphQL to RPCs, batching and the shape of the results.
const files = generateGrpcFiles(catalogSdl, { pluginName: 'catalog' });
const mocks = { $listLength: 2, Review: { body: 'Fixed body' } };
let server: RunningServer;
let channel: ReturnType<typeof countingChannel>;
let executor: GrpcExecutor;

const run = async (query: string, variables?: Record<string, unknown>) =>
  (await executor({ document: parse(query), ...(variables ? { variables } : {}) })) as ExecutionResult;

beforeAll(async () => {
  server = await serveGrpcService(
    createMockService({ sdl: catalogSdl, protoSchema: files.protoSchema, mapping: files.mapping, mocks }),
    { host: '127.0.0.1', port: 0 },
  );
  channel = countingChannel(tcpChannel(server.address));
  executor = createGrpcExecutor({
    name: 'catalog',
    sdl: catalogSdl,
    protoSchema: files.protoSchema,
    mapping: files.mapping,
    channel,
  });
});

afterAll(async () => {
  await executor?.[Symbol.asyncDispose]();
  await server?.close();
});

describe('createGrpcExecutor', () => {
  it('answers root fields with Query<Field> RPCs, shaped like the selection set', async () => {
    channel.calls.length = 0;
    const result = await run(
      `query One($id: ID!) {
        item: product(id: $id) { __typename id ...Names price tags aliases status }
        inStock: products(status: IN_STOCK, limit: 3) { id status }
      }
      fragment Names on Product { name }`,
      { id: 'p-1' },
    );
    expect(result.errors).toBeUndefined();
    const item = result.data!['item'] as Record<string, unknown>;
    expect(item).toMatchObject({ __typename: 'Product', id: 'p-1' });
    expect(typeof item['name']).toBe('string');
    expect(typeof item['price']).toBe('number');
    expect(item['tags']).toHaveLength(2); // $listLength
    expect(Array.isArray(item['aliases'])).toBe(true);
    expect(['IN_STOCK', 'OUT_OF_STOCK', 'DISCONTINUED']).toContain(item['status']);
    // limit sizes the list and the status argument is echoed into the results
    expect(result.data!['inStock']).toHaveLength(3);
    expect((result.data!['inStock'] as { status: string }[]).every((p) => p.status === 'IN_STOCK')).toBe(
      true,
    );
    expect(channel.calls.sort()).toEqual(['QueryProduct', 'QueryProducts']);
  });

  it('batches _entities into one Lookup per type and key, in representation order', async () => {
    channel.calls.length = 0;
    const result = await run(
      `query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Product { id name status } } }`,
      {
        r: [
          { __typename: 'Product', id: 'p-3' },
          { __typename: 'Product', id: 'p-1' },
          { __typename: 'Nope', id: 'x' },
          { __typename: 'Product', id: 'p-2' },
        ],
      },
    );
    const entities = result.data!['_entities'] as ({ id: string; name: string } | null)[];
    expect(entities.map((e) => e?.id ?? null)).toEqual(['p-3', 'p-1', null, 'p-2']);
    expect(channel.calls).toEqual(['LookupProductById']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.message).toMatch(/Subgraph "catalog".*no entity lookup for Nope/);
    expect(result.errors![0]!.path).toEqual(['_entities', 2]);
    // The same entity looked up by key and fetched by a root field is the same object.
    const root = await run(`{ product(id: "p-1") { name status } }`);
    expect((root.data!['product'] as { name: string }).name).toBe(entities[1]!.name);
  });

  it('batches resolver fields into one Resolve call per field and arguments', async () => {
    channel.calls.length = 0;
    const result = await run(`{
      products(limit: 3) {
        id
        top: reviews(first: 1) { rating }
        all: reviews(first: 4) { id body rating }
      }
    }`);
    expect(result.errors).toBeUndefined();
    const products = result.data!['products'] as { top: unknown[]; all: { body: string }[] }[];
    expect(products).toHaveLength(3);
    for (const p of products) {
      expect(p.top).toHaveLength(1);
      expect(p.all).toHaveLength(4);
      expect(p.all[0]!.body).toBe('Fixed body'); // mocks.json override
    }
    expect(channel.calls.sort()).toEqual(['QueryProducts', 'ResolveProductReviews', 'ResolveProductReviews']);
  });

  it('gives the same data for the same request (seeded)', async () => {
    const q = `{ products(limit: 2) { id name price tags reviews(first: 2) { rating } } }`;
    expect(await run(q)).toEqual(await run(q));
  });

  it('shares one execution between identical queries in flight, each with its own data', async () => {
    let executions = 0; // the RPC-level sharing below it would hide a second execution from channel.calls
    const shared = createGrpcExecutor({
      name: 'catalog',
      sdl: catalogSdl,
      ...files,
      channel: { transport: (waitMs, signal) => (executions++, channel.transport(waitMs, signal)) },
    });
    const ask = (limit: number) =>
      shared({
        document: parse(`query P($n: Int) { products(limit: $n) { id name } }`),
        variables: { n: limit },
        operationType: OperationTypeNode.QUERY,
      }) as Promise<ExecutionResult>;
    const [a, b, other] = await Promise.all([ask(2), ask(2), ask(3)]);
    expect(executions).toBe(2); // limit 2 once, limit 3 once
    expect(a).toEqual(b);
    expect(a.data).not.toBe(b.data);
    (a.data!['products'] as unknown[]).length = 0; // the gateway merges into what it gets
    expect(b.data!['products']).toHaveLength(2);
    expect(other.data!['products']).toHaveLength(3);

    const unshared = createGrpcExecutor({
      name: 'catalog',
      sdl: catalogSdl,
      ...files,
      deduplicate: false,
      channel,
    });
    channel.calls.length = 0;
    const query = {
      document: parse(`{ products(limit: 2) { id } }`),
      operationType: OperationTypeNode.QUERY,
    };
    await Promise.all([unshared(query), unshared(query)]);
    expect(channel.calls).toEqual(['QueryProducts', 'QueryProducts']);
  });

  it('turns an unreachable service into a GraphQL error naming the subgraph', async () => {
    const down = createGrpcExecutor({
      name: 'catalog',
      sdl: catalogSdl,
      protoSchema: files.protoSchema,
      mapping: files.mapping,
      channel: tcpChannel('127.0.0.1:1'),
      callTimeoutMs: 2000,
    });
    const result = (await down({ document: parse(`{ product(id: "1") { id } }`) })) as ExecutionResult;
    await down[Symbol.asyncDispose]();
    expect(result.data).toEqual({ product: null });
    expect(result.errors![0]!.message).toMatch(
      /^Subgraph "catalog" is unavailable: QueryProduct failed with UNAVAILABLE/,
    );
    expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAVAILABLE', subgraph: 'catalog' });
  });

  it('refuses a config whose proto and mapping disagree', () => {
    expect(() =>
      createGrpcExecutor({
        name: 'catalog',
        sdl: catalogSdl,
        protoSchema: files.protoSchema.replace('rpc QueryProduct(', 'rpc QueryProductRenamed('),
        mapping: files.mapping,
        channel: tcpChannel('127.0.0.1:1'),
      }),
    ).toThrow(/gRPC subgraph "catalog": service CatalogService has no rpc QueryProduct/);
  });
});

describe('@requires fields', () => {
  it('calls Require<Type><Field>By<Key> with the keys and required fields of the representations', async () => {
    const sdl = /* GraphQL */ `
      type Parcel @key(fields: "id") {
        id: ID!
        weight: Float @external
        shippingCost: Float! @requires(fields: "weight")
      }
      type Query {
        parcel(id: ID!): Parcel
      }
    `;
    const grpc = generateGrpcFiles(sdl, { pluginName: 'shipping' });
    const service = await serveGrpcService(createMockService({ sdl, ...grpc }), {
      host: '127.0.0.1',
      port: 0,
    });
    const counted = countingChannel(tcpChannel(service.address));
    const shipping = createGrpcExecutor({ name: 'shipping', sdl, ...grpc, channel: counted });
    try {
      const result = (await shipping({
        document: parse(
          `query($r: [_Any!]!) { _entities(representations: $r) { ... on Parcel { id shippingCost } } }`,
        ),
        variables: {
          r: [
            { __typename: 'Parcel', id: 'a', weight: 2.5 },
            { __typename: 'Parcel', id: 'b', weight: 10 },
          ],
        },
      })) as ExecutionResult;
      expect(result.errors).toBeUndefined();
      const parcels = result.data!['_entities'] as { id: string; shippingCost: number }[];
      expect(parcels.map((p) => p.id)).toEqual(['a', 'b']);
      for (const p of parcels) expect(typeof p.shippingCost).toBe('number');
      expect(counted.calls).toEqual(['LookupParcelById', 'RequireParcelShippingCostById']);
    } finally {
      await shipping[Symbol.asyncDispose]();
      await service.close();
    }
  });
});

describe('per-call deadlines', () => {
  it('fails a call that takes longer than callTimeoutMs with an error naming the subgraph', async () => {
    const slow = defineService(files.protoSchema, {
      QueryProduct: () => new Promise((resolve) => setTimeout(() => resolve({}), 1000)),
    });
    const service = await serveGrpcService(slow, { host: '127.0.0.1', port: 0 });
    const timed = createGrpcExecutor({
      name: 'catalog',
      sdl: catalogSdl,
      ...files,
      channel: tcpChannel(service.address),
      callTimeoutMs: 100,
    });
    try {
      const started = Date.now();
      const result = (await timed({ document: parse(`{ product(id: "1") { id } }`) })) as ExecutionResult;
      expect(Date.now() - started).toBeLessThan(900);
      expect(result.errors![0]!.message).toMatch(
        /^Subgraph "catalog" did not answer in time: QueryProduct failed with DEADLINE_EXCEEDED/,
      );
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'DEADLINE_EXCEEDED', subgraph: 'catalog' });
    } finally {
      await timed[Symbol.asyncDispose]();
      await service.close();
    }
  });
});
