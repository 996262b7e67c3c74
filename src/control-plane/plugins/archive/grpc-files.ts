import { generateGrpcFiles, GrpcGenerationError } from '../../../plugins/mapping/generate.ts';
import { loadProtoService, ProtoSchemaError } from '../../../plugins/mapping/proto-schema.ts';
import type { InspectedArchive } from './inspect-archive.ts';
import { reject } from './inspect-archive.ts';

export interface GrpcFiles {
  source: 'archive' | 'generated';
  protoSchema: string;
  mapping: unknown;
  serviceName: string | null;
}

/**
 * The proto and mapping the router will call the plugin with. The archive's own files
 * win, since the binary was compiled against them; they are loaded the way the router
 * loads them, so a build the router could not call is refused now rather than at
 * start-up. Without them, they are generated as `wgc router plugin build` would.
 */
export function grpcFilesFor(pluginName: string, archive: InspectedArchive): GrpcFiles {
  if (archive.generated) {
    const mapping = JSON.parse(archive.generated.mapping) as { service?: unknown };
    const declared = typeof mapping.service === 'string' ? mapping.service : undefined;
    try {
      const loaded = loadProtoService(archive.generated.proto, declared);
      return { source: 'archive', protoSchema: archive.generated.proto, mapping, serviceName: loaded.service.name };
    } catch (err) {
      if (!(err instanceof ProtoSchemaError)) throw err;
      throw reject(`generated/service.proto: ${err.message.replace(/^service\.proto /, '')}`, { entry: 'generated/service.proto' });
    }
  }
  try {
    const generated = generateGrpcFiles(archive.schemaSdl, { pluginName });
    return { source: 'generated', protoSchema: generated.protoSchema, mapping: generated.mapping, serviceName: generated.serviceName };
  } catch (err) {
    if (!(err instanceof GrpcGenerationError)) throw err;
    throw reject(
      `${archive.schemaFile} cannot be mapped to a gRPC service: ${err.message}. Fix the schema, or include generated/service.proto and generated/mapping.json`,
      { entry: archive.schemaFile, file: archive.schemaFile, ...(err.details.length ? { errors: err.details } : {}) },
    );
  }
}
