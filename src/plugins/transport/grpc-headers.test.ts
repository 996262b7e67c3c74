import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../router/router.ts';
import { gql, listen, mustCompose, type RunningServer } from '../../router/testing/helpers.ts';
import { headerRulesSchema } from '../../shared/header-rules.ts';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { PluginManager } from '../runtime/plugin-manager.ts';
import { serveGrpcService, type RunningServer as GrpcServer } from '../sdk/serve.ts';
import { defineService, type HandlerContext } from '../sdk/service.ts';
import { createGrpcTransports } from './router-transports.ts';

// A grpc_service that answers with the metadata it received: header rules reach gRPC
// subgraphs as call metadata, as Cosmo sends them to its plugins.
const sdl = 'type Query { whoami: String! }';
const files = generateGrpcFiles(sdl, { pluginName: 'who' });
let service: GrpcServer;
let router: Router;
let http: RunningServer;

beforeAll(async () => {
  service = await serveGrpcService(
    defineService(files.protoSchema, {
      QueryWhoami: async (_: unknown, ctx: HandlerContext) => {
        await new Promise((r) => setTimeout(r, 50)); // long enough for concurrent calls to overlap
        const seen = Object.fromEntries(
          Object.entries(ctx.metadata.getMap()).filter(([k]) => k.startsWith('x-') || k === 'authorization'),
        );
        return { whoami: JSON.stringify(seen) };
      },
    }),
    { host: '127.0.0.1', port: 0 },
  );
  const config = mustCompose({ subgraphs: [{ name: 'who', url: 'http://127.0.0.1:1/unused', sdl }] });
  config.base.subgraphs = config.base.subgraphs.map((s) => ({
    ...s,
    kind: 'grpc_service',
    url: service.address,
    grpc: { protoSchema: files.protoSchema, mapping: files.mapping },
  }));
  config.base.headers = headerRulesSchema.parse({
    all: {
      request: [
        { op: 'propagate', named: 'Authorization' },
        { op: 'propagate', matching: '^x-tenant' },
        { op: 'set', name: 'x-source', value: 'router' },
      ],
    },
  });
  router = createRouter({
    transports: createGrpcTransports({ plugins: new PluginManager(), resolvePluginDir: () => '/nonexistent' }),
  });
  expect((await router.applyConfig(config)).status).toBe('applied');
  http = await listen(createServer((req, res) => router.handle(req, res)));
});
afterAll(async () => {
  await http?.close();
  await router?.close();
  await service?.close();
});

const whoami = async (headers: Record<string, string>) => {
  const res = await gql(http.url, '{ whoami }', headers);
  expect(res.body.errors).toBeUndefined();
  return JSON.parse((res.body.data as { whoami: string }).whoami) as Record<string, string>;
};

describe('header rules for gRPC subgraphs', { timeout: 30_000 }, () => {
  it('sends the chosen client headers as call metadata', async () => {
    const seen = await whoami({ authorization: 'Bearer abc', 'x-tenant': 't1', 'x-other': 'no' });
    expect(seen).toEqual({ authorization: 'Bearer abc', 'x-tenant': 't1', 'x-source': 'router' });
  });

  it('does not share a deduplicated call between callers with different tokens', async () => {
    const [a, b] = await Promise.all([
      whoami({ authorization: 'Bearer one' }),
      whoami({ authorization: 'Bearer two' }),
    ]);
    expect(a['authorization']).toBe('Bearer one');
    expect(b['authorization']).toBe('Bearer two');
  });
});
