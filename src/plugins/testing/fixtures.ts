import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildMockPluginDir, type MockPluginDir } from '../mock/build-mock-dir.ts';
import type { GrpcChannel } from '../transport/executor.ts';

/** A small federated subgraph with an entity, a nullable scalar, lists, an enum and a field with arguments. */
export const catalogSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key"])

  type Product @key(fields: "id") {
    id: ID!
    name: String!
    "nullable scalar: a google.protobuf.DoubleValue"
    price: Float
    tags: [String!]!
    "nullable list: a ListOfString wrapper"
    aliases: [String]
    status: ProductStatus!
    "a field with arguments: Resolve/ProductReviews"
    reviews(first: Int): [Review!]!
  }

  type Review {
    id: ID!
    body: String
    rating: Int!
  }

  enum ProductStatus {
    IN_STOCK
    OUT_OF_STOCK
    DISCONTINUED
  }

  type Query {
    product(id: ID!): Product
    products(status: ProductStatus, limit: Int): [Product!]!
  }
`;

export async function tempDir(
  prefix = 'swy-plugin-test-',
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export async function mockPluginDir(
  sdl = catalogSdl,
  mocks?: unknown,
): Promise<MockPluginDir & { sdl: string; remove(): Promise<void> }> {
  const { dir, remove } = await tempDir();
  const built = await buildMockPluginDir(path.join(dir, 'plugin'), {
    sdl,
    ...(mocks ? { mocks } : {}),
    name: 'catalog',
  });
  return { ...built, sdl, remove };
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Wraps a channel to record the RPC paths called through it. */
export function countingChannel(inner: GrpcChannel): GrpcChannel & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async transport(waitMs, signal) {
      const next = await inner.transport(waitMs, signal);
      return {
        kind: next.kind,
        call(path, request, options) {
          calls.push(path.slice(path.lastIndexOf('/') + 1));
          return next.call(path, request, options);
        },
        close: () => next.close(),
      };
    },
  };
}

/**
 * Runs a plugin binary as a grpc_service (no magic cookie) on a free port; resolves its address.
 * `detached` gives it its own process group, as the supervisor starts plugins (benchmarks
 * compare the two, so they should be scheduled alike).
 */
export async function startAsGrpcService(
  binaryPath: string,
  options: { detached?: boolean } = {},
): Promise<{ address: string; pid: number; stop(): Promise<void> }> {
  const child = spawn(binaryPath, [], {
    env: { ...process.env, GRPC_DATASOURCE_PLUGIN: '', PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`grpc_service did not start: ${output}`)), 10_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`grpc_service exited (${code}): ${output}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    address,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (options.detached) process.kill(-child.pid!, 'SIGTERM');
      else child.kill('SIGTERM');
      await exited;
    },
  };
}
