import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ProtoLock } from '@wundergraph/protographic';
import { generateGrpcFiles } from '../mapping/generate.ts';
import { loadProtoService } from '../mapping/proto-schema.ts';
import { SDK_ENTRY, SDK_IMPORT } from './bundle.ts';
import { protoToTypeScript } from './proto-types.ts';

/**
 * `switchyard plugin init` and the generation step of `plugin build`: a plugin in
 * Cosmo's layout (src/schema.graphql, generated/service.proto, generated/mapping.json,
 * plugin.json) with a TypeScript service on the Switchyard SDK.
 */
export class ScaffoldError extends Error {
  override name = 'ScaffoldError';
}

const defaultSchema = `type World {
  "The ID of the world"
  id: ID!
  "The name of the world"
  name: String!
}

type Query {
  "The hello query"
  hello(name: String!): World!
}
`;

export interface PluginManifest {
  name: string;
  version: string;
}

export async function readManifest(dir: string): Promise<PluginManifest> {
  const fallback = { name: path.basename(path.resolve(dir)), version: '0.1.0' };
  try {
    const raw = JSON.parse(await readFile(path.join(dir, 'plugin.json'), 'utf8')) as Partial<PluginManifest>;
    return {
      name: typeof raw.name === 'string' && raw.name ? raw.name : fallback.name,
      version: typeof raw.version === 'string' && raw.version ? raw.version : fallback.version,
    };
  } catch {
    return fallback;
  }
}

/** Regenerates generated/{service.proto, mapping.json, service.proto.lock.json, service.ts} from src/schema.graphql. */
export async function generatePluginFiles(
  dir: string,
): Promise<{ serviceName: string; rpcs: string[]; warnings: string[] }> {
  const schemaPath = [path.join(dir, 'src', 'schema.graphql'), path.join(dir, 'schema.graphql')].find((p) =>
    existsSync(p),
  );
  if (!schemaPath) throw new ScaffoldError(`${dir} has no src/schema.graphql`);
  const sdl = await readFile(schemaPath, 'utf8');
  const generatedDir = path.join(dir, 'generated');
  await mkdir(generatedDir, { recursive: true });
  const lockPath = path.join(generatedDir, 'service.proto.lock.json');
  const lockData = existsSync(lockPath) ? (JSON.parse(await readFile(lockPath, 'utf8')) as ProtoLock) : null;
  const { name } = await readManifest(dir);
  const files = generateGrpcFiles(sdl, { pluginName: name, lockData });
  await writeFile(path.join(generatedDir, 'service.proto'), files.protoSchema);
  await writeFile(path.join(generatedDir, 'mapping.json'), `${JSON.stringify(files.mapping, null, 2)}\n`);
  if (files.lockData) await writeFile(lockPath, `${JSON.stringify(files.lockData, null, 2)}\n`);
  await writeFile(path.join(generatedDir, 'service.ts'), protoToTypeScript(files.protoSchema, SDK_IMPORT));
  const rpcs = Object.keys(loadProtoService(files.protoSchema).service.methods);
  return { serviceName: files.serviceName, rpcs, warnings: files.warnings };
}

export async function initPlugin(
  dir: string,
  options: { schemaSdl?: string; name?: string } = {},
): Promise<{ files: string[] }> {
  const target = path.resolve(dir);
  for (const existing of ['src/schema.graphql', 'src/main.ts', 'src/service.ts', 'plugin.json']) {
    if (existsSync(path.join(target, existing))) {
      throw new ScaffoldError(`${path.join(target, existing)} already exists; init only creates new plugins`);
    }
  }
  const name = options.name ?? path.basename(target);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new ScaffoldError(`"${name}" is not a valid plugin name (letters, digits, ".", "_" and "-")`);
  }
  await mkdir(path.join(target, 'src'), { recursive: true });
  await writeFile(
    path.join(target, 'plugin.json'),
    `${JSON.stringify({ name, version: '0.1.0' }, null, 2)}\n`,
  );
  await writeFile(path.join(target, 'src', 'schema.graphql'), options.schemaSdl ?? defaultSchema);
  const { rpcs } = await generatePluginFiles(target);
  await writeFile(path.join(target, 'src', 'service.ts'), serviceTemplate(rpcs));
  await writeFile(path.join(target, 'src', 'main.ts'), mainTemplate);
  await writeFile(path.join(target, 'tsconfig.json'), tsconfigTemplate());
  await writeFile(path.join(target, '.gitignore'), 'bin/\ndist/\n');
  return {
    files: [
      'plugin.json',
      'src/schema.graphql',
      'src/service.ts',
      'src/main.ts',
      'generated/service.proto',
      'generated/mapping.json',
      'generated/service.ts',
      'tsconfig.json',
    ],
  };
}

function serviceTemplate(rpcs: string[]): string {
  const methods = rpcs.map(
    (rpc) => `  ${rpc}(request) {
    // TODO: answer ${rpc}. The request and response use the proto field names of generated/service.ts.
    void request;
    return {};
  },`,
  );
  return `import type { Handlers } from '../generated/service.ts';

/**
 * One handler per RPC. Query<Field> and Mutation<Field> answer root fields,
 * Lookup<Type>By<Key> gets every requested key at once and returns the entities in
 * the same order, Resolve<Type><Field> gets one context per parent object and returns
 * one result per context. Throw PluginError(status.NOT_FOUND, "…") for a gRPC error.
 */
export const handlers: Handlers = {
${methods.join('\n')}
};
`;
}

const mainTemplate = `import { defineService, servePlugin } from '${SDK_IMPORT}';
import { PROTO_SCHEMA, SERVICE_NAME, type Handlers } from '../generated/service.ts';
import { handlers } from './service.ts';

const service = defineService<Handlers>(PROTO_SCHEMA, handlers, { serviceName: SERVICE_NAME });

// As a router plugin (started by the router over a unix socket):
servePlugin(service).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});

// To run the same service as a grpc_service over TCP instead, use:
//   import { serveGrpcService } from '${SDK_IMPORT}';
//   serveGrpcService(service, { port: Number(process.env.PORT ?? 50051) });
`;

function tsconfigTemplate(): string {
  return `${JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2023',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        skipLibCheck: true,
        types: ['node'],
        // Type-checks against this Switchyard installation's SDK and @types/node.
        typeRoots: [path.join(SDK_ENTRY, '..', '..', '..', '..', 'node_modules', '@types')],
        paths: { [SDK_IMPORT]: [SDK_ENTRY] },
      },
      include: ['src', 'generated'],
    },
    null,
    2,
  )}\n`;
}
