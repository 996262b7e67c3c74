import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { buildSubgraphSchema } from '../mapping/subgraph-schema.ts';
import { serveGrpcService, type RunningServer } from '../sdk/serve.ts';
import { tempDir } from '../testing/fixtures.ts';
import { createGrpcExecutor, tcpChannel, type GrpcExecutor } from '../transport/executor.ts';
import { buildMockPluginDir } from './build-mock-dir.ts';
import { createMockService } from './mock-service.ts';
import { MocksFileError, parseMocksFile } from './mocks-file.ts';

const sdl = /* GraphQL */ `
  type Customer @key(fields: "id") {
    id: ID!
    email: String!
    fullName: String!
    avatarUrl: String
    createdAt: String!
    orders: [Order!]!
    vip: Boolean!
  }
  type Order {
    id: ID!
    total: Float!
    quantity: Int!
    currency: String!
  }
  type Query {
    customers: [Customer!]!
    customer(id: ID!): Customer
  }
  type Mutation {
    rename(id: ID!, fullName: String!): Customer!
  }
`;

let server: RunningServer;
let executor: GrpcExecutor;
const run = async (q: string) => (await executor({ document: parse(q) })) as ExecutionResult;

beforeAll(async () => {
  const files = generateGrpcFiles(sdl, { pluginName: 'crm' });
  const mocks = {
    $listLength: 4,
    Customer: { vip: true, $listLength: { orders: 1 } },
    Order: { currency: 'EUR' },
  };
  server = await serveGrpcService(createMockService({ sdl, ...files, mocks }), {
    host: '127.0.0.1',
    port: 0,
  });
  executor = createGrpcExecutor({ name: 'crm', sdl, ...files, channel: tcpChannel(server.address) });
});

afterAll(async () => {
  await executor?.[Symbol.asyncDispose]();
  await server?.close();
});

describe('the generic mock plugin', () => {
  it('fills fields with realistic values chosen by name and type, and applies mocks.json', async () => {
    const { data, errors } = await run(
      `{ customers { id email fullName avatarUrl createdAt vip orders { total quantity currency } } }`,
    );
    expect(errors).toBeUndefined();
    const customers = data!['customers'] as Record<string, unknown>[];
    expect(customers).toHaveLength(4); // $listLength
    for (const c of customers) {
      expect(c['email']).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
      expect(String(c['fullName']).split(' ').length).toBeGreaterThanOrEqual(2);
      expect(c['avatarUrl']).toMatch(/^https?:\/\//);
      expect(Number.isNaN(Date.parse(String(c['createdAt'])))).toBe(false);
      expect(c['vip']).toBe(true); // fixed by mocks.json
      expect(c['orders']).toHaveLength(1); // per-field list length
      expect((c['orders'] as { currency: string }[])[0]!.currency).toBe('EUR');
      expect(typeof (c['orders'] as { total: number }[])[0]!.total).toBe('number');
    }
    expect(new Set(customers.map((c) => c['id'])).size).toBe(4);
  });

  it('echoes arguments into mutation results', async () => {
    const { data } = await run(
      `mutation { rename(id: "c-9", fullName: "Grace Hopper") { id fullName email } }`,
    );
    expect(data!['rename']).toMatchObject({ id: 'c-9', fullName: 'Grace Hopper' });
  });

  it('rejects a mocks.json that does not match the schema, naming what is wrong', () => {
    const { schema } = buildSubgraphSchema(sdl);
    expect(() => parseMocksFile({ Customr: { vip: true } }, schema)).toThrow(
      /Customr: no object type "Customr"/,
    );
    expect(() => parseMocksFile({ Customer: { vipp: true } }, schema)).toThrow(
      /Customer.vipp: no field "vipp" on Customer/,
    );
    expect(() => parseMocksFile({ Customer: { $listLength: { email: 2 } } }, schema)).toThrow(
      /not a list field/,
    );
    expect(() => parseMocksFile({ $listLength: 1000 }, schema)).toThrow(MocksFileError);
    // The shape, before the schema: each issue names its path.
    expect(() => parseMocksFile({ $listLength: 1000 })).toThrow(/\$listLength: must be an integer 0\.\.100/);
    expect(() => parseMocksFile({ $seed: true, $maxDepth: 0 })).toThrow(
      /\$seed: must be a string or a number; \$maxDepth: must be an integer 1\.\.8/,
    );
    expect(() => parseMocksFile({ Customer: 5 })).toThrow(/Customer: must be an object of field → value/);
    expect(() => parseMocksFile({ Customer: { $listLength: { orders: -1 } } })).toThrow(
      /Customer\.\$listLength: must be an integer 0\.\.100 or an object/,
    );
    expect(() => parseMocksFile([1])).toThrow(/\(root\): must be an object/);
    expect(parseMocksFile({ $listLength: 2, $seed: 7, Customer: { vip: true, $listLength: { orders: 1 } } }, schema)).toEqual({
      $listLength: 2,
      $seed: 7,
      Customer: { vip: true, $listLength: { orders: 1 } },
    });
    expect(() => parseMocksFile('{not json', schema)).toThrow(/not valid JSON/);
  });

  it('builds a ready-to-run plugin directory from an SDL', async () => {
    const scratch = await tempDir();
    try {
      const built = await buildMockPluginDir(path.join(scratch.dir, 'crm'), {
        sdl,
        mocks: { Customer: { vip: false } },
        name: 'crm',
      });
      expect(built.serviceName).toBe('CrmService');
      for (const f of [
        'src/schema.graphql',
        'generated/service.proto',
        'generated/mapping.json',
        'src/mocks.json',
        'plugin.json',
      ]) {
        expect(existsSync(path.join(built.dir, f))).toBe(true);
      }
      expect((await readFile(built.binaryPath, 'utf8')).startsWith('#!/usr/bin/env node')).toBe(true);
      await expect(
        buildMockPluginDir(path.join(scratch.dir, 'bad'), { sdl, mocks: { Nope: {} } }),
      ).rejects.toThrow(MocksFileError);
    } finally {
      await scratch.remove();
    }
  }, 60_000);
});

describe('key pools', () => {
  const reviewsSdl = /* GraphQL */ `
    type Review @key(fields: "id") {
      id: ID!
      body: String!
      author: User!
    }
    type User @key(fields: "id") {
      id: ID!
      reviews: [Review!]
    }
    type Query {
      reviews: [Review!]!
    }
  `;
  const serve = async (mocks: unknown) => {
    const files = generateGrpcFiles(reviewsSdl, { pluginName: 'reviews' });
    const server = await serveGrpcService(createMockService({ sdl: reviewsSdl, ...files, mocks }), { host: '127.0.0.1', port: 0 });
    const exec = createGrpcExecutor({ name: 'reviews', sdl: reviewsSdl, ...files, channel: tcpChannel(server.address) });
    return {
      run: async (q: string) => (await exec({ document: parse(q) })) as ExecutionResult,
      close: async () => {
        await exec[Symbol.asyncDispose]();
        await server.close();
      },
    };
  };

  it('hands out references with keys from the pool, and keeps generated keys for its own entities', async () => {
    const mock = await serve({ $listLength: 8, User: { id: ['1', '2'] } });
    try {
      const { data, errors } = await mock.run('{ reviews { id author { id } } }');
      expect(errors).toBeUndefined();
      const reviews = data!['reviews'] as { id: string; author: { id: string } }[];
      expect(new Set(reviews.map((r) => r.author.id))).toEqual(new Set(['1', '2']));
      for (const r of reviews) expect(r.id).toMatch(/^review-\d+$/);
    } finally {
      await mock.close();
    }
  });

  it('takes whole keys from $keys, and says what is wrong with a bad one', async () => {
    const mock = await serve({ User: { $keys: [{ id: 'u-7' }] } });
    try {
      const { data } = await mock.run('{ reviews { author { id } } }');
      expect((data!['reviews'] as { author: { id: string } }[]).map((r) => r.author.id)).toEqual(['u-7', 'u-7', 'u-7']);
    } finally {
      await mock.close();
    }
    const { schema } = buildSubgraphSchema(reviewsSdl);
    expect(() => parseMocksFile({ User: { $keys: ['1'] } }, schema)).toThrow(/User.\$keys: must be a list of key objects/);
    expect(() => parseMocksFile({ User: { $keys: [{ uid: '1' }] } }, schema)).toThrow(/no field "uid" on User/);
  });
});
