import { MAGIC_COOKIE_KEY } from '../runtime/platform.ts';
import { readPluginFiles } from '../sdk/plugin-dir.ts';
import { serveGrpcService, servePlugin } from '../sdk/serve.ts';
import { createMockService } from './mock-service.ts';

/**
 * Entry of the generic mock plugin binary. It serves the schema, proto, mapping and
 * mocks.json of the plugin directory it sits in; started by a router (the go-plugin
 * magic cookie is set) it is a plugin, otherwise a grpc_service on $PORT.
 */
function main(): Promise<unknown> {
  const files = readPluginFiles();
  const service = createMockService({ ...files, name: 'mock' });
  if (process.env[MAGIC_COOKIE_KEY]) return servePlugin(service);
  return serveGrpcService(service).then((s) =>
    process.stderr.write(`mock grpc_service listening on ${s.address}\n`),
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`mock plugin failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
