import type { FastifyInstance } from 'fastify';
import { Code, ConnectError, type ServiceImpl } from '@connectrpc/connect';
import { connectNodeAdapter } from '@connectrpc/connect-node';
import { PlatformService } from '@wundergraph/cosmo-connect/dist/platform/v1/platform_connect';
import type { GraphRegistry } from '../graphs/graph-registry.ts';
import type { FeatureFlagService } from '../feature-flags/flag-service.ts';
import type { RegistryDeps } from '../graphs/registry-context.ts';
import { createCallRunner, type CallDeps } from './platform-call.ts';
import { CosmoFlagService } from './cosmo-flag-service.ts';
import { graphRpcs } from './graph-rpcs.ts';
import { subgraphRpcs } from './subgraph-rpcs.ts';
import { flagRpcs } from './flag-rpcs.ts';

/** Schemas are at most 5 MB; the rest of a request is small. */
const READ_MAX_BYTES = 8 * 1024 * 1024;

export interface PlatformServiceDeps extends Omit<CallDeps, 'log'> {
  registry: GraphRegistry;
  flags: FeatureFlagService;
  registryDeps: RegistryDeps;
}

/** Every PlatformService method: ours where wgc's commands need them, `unimplemented` naming the rest. */
export function platformServiceImpl(deps: PlatformServiceDeps & { log: CallDeps['log'] }): ServiceImpl<typeof PlatformService> {
  const run = createCallRunner(deps);
  const cosmoFlags = new CosmoFlagService(deps.registryDeps);
  const implemented: Record<string, unknown> = {
    ...graphRpcs(run, deps.registry),
    ...subgraphRpcs(run, deps.registry, cosmoFlags),
    ...flagRpcs(run, deps.registry, deps.flags, cosmoFlags),
  };
  const impl: Record<string, unknown> = {};
  for (const [localName, method] of Object.entries(PlatformService.methods)) {
    impl[localName] =
      implemented[localName] ??
      (() => {
        throw new ConnectError(
          `${PlatformService.typeName}/${method.name} is not supported by Switchyard (see "Coming from Cosmo" in its README)`,
          Code.Unimplemented,
        );
      });
  }
  return impl as unknown as ServiceImpl<typeof PlatformService>;
}

/**
 * Serves Cosmo's PlatformService over the Connect protocol (JSON and binary, HTTP/1.1).
 * connect-fastify 1.x wants Fastify 4, so connect-node's adapter gets the raw request:
 * in this scope no body parser runs, and the reply is hijacked, so the adapter reads
 * and writes the HTTP exchange itself.
 */
export async function registerPlatformService(app: FastifyInstance, deps: PlatformServiceDeps): Promise<void> {
  const handler = connectNodeAdapter({
    readMaxBytes: READ_MAX_BYTES,
    routes: (router) => {
      router.service(PlatformService, platformServiceImpl({ ...deps, log: app.log }));
    },
  });
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
    scope.post(`/${PlatformService.typeName}/:method`, (req, reply) => {
      reply.hijack();
      handler(req.raw, reply.raw);
    });
  });
}
