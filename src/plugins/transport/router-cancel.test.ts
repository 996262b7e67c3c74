import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRouter, type Router } from '../../router/router.ts';
import { listen, mustCompose, queryThenLeave, type RunningServer } from '../../router/testing/helpers.ts';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { PluginManager } from '../runtime/plugin-manager.ts';
import { serveGrpcService, type RunningServer as GrpcServer } from '../sdk/serve.ts';
import { defineService } from '../sdk/service.ts';
import { waitFor } from '../testing/fixtures.ts';
import { createGrpcTransports } from './router-transports.ts';

// A client that leaves stops the gRPC calls its request started, as it stops HTTP ones
// (router-faults.test.ts): the service sees the call cancelled instead of answering nobody.
const sdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    slow: String
  }
`;
const files = generateGrpcFiles(sdl, { pluginName: 'slow' });
const seen = { started: 0, cancelled: 0, answered: 0 };
let service: GrpcServer;
let router: Router;
let http: RunningServer;
const manager = new PluginManager();

beforeAll(async () => {
  service = await serveGrpcService(
    defineService(files.protoSchema, {
      async QuerySlow(_request: unknown, call: { cancelled(): boolean }) {
        seen.started++;
        for (let waited = 0; waited < 5000; waited += 20) {
          if (call.cancelled()) {
            seen.cancelled++;
            return {};
          }
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        seen.answered++;
        return { slow: 'too late' };
      },
    }),
    { host: '127.0.0.1', port: 0 },
  );
  const config = mustCompose({ subgraphs: [{ name: 'slow', url: 'http://127.0.0.1:1/unused', sdl }] });
  config.base.subgraphs = config.base.subgraphs.map((s) => ({
    ...s,
    kind: 'grpc_service' as const,
    url: service.address,
    grpc: { protoSchema: files.protoSchema, mapping: files.mapping },
  }));
  router = createRouter({
    transports: createGrpcTransports({ plugins: manager, resolvePluginDir: () => '/unused' }),
  });
  expect((await router.applyConfig(config)).status).toBe('applied');
  http = await listen(createServer((req, res) => router.handle(req, res)));
});

afterAll(async () => {
  await http?.close();
  await router?.close();
  await service?.close();
});

describe('a client that leaves', () => {
  it('cancels the gRPC call its request made', async () => {
    const request = queryThenLeave(http.url, '{ slow }');
    await waitFor(() => seen.started === 1, 5000, 'the call to reach the service');
    await request.leave();
    await waitFor(() => seen.cancelled === 1, 2000, 'the service to see the call cancelled');
    expect(seen.answered).toBe(0);
  });
});
