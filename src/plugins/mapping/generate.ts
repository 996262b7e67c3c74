import {
  compileGraphQLToMapping,
  compileGraphQLToProto,
  validateGraphQLSDL,
  type ProtoLock,
} from '@wundergraph/protographic';
import { normalizeSubgraphSdl } from './subgraph-schema.ts';
import { snakeCase, type GrpcMappingJson } from './mapping-index.ts';

/**
 * generated/service.proto and generated/mapping.json for a subgraph SDL, exactly as
 * Cosmo's `wgc router plugin build` makes them (package "service", service
 * "<Name>Service"), plus the proto lock that keeps field numbers stable when the
 * schema changes later.
 */
export interface GeneratedGrpcFiles {
  serviceName: string;
  protoSchema: string;
  mapping: GrpcMappingJson;
  lockData: ProtoLock | null;
  warnings: string[];
}

export class GrpcGenerationError extends Error {
  override name = 'GrpcGenerationError';
  constructor(
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export interface GenerateOptions {
  /** defaults to "<PascalCase(pluginName)>Service" */
  serviceName?: string;
  pluginName?: string;
  packageName?: string;
  lockData?: ProtoLock | null;
}

export function generateGrpcFiles(sdl: string, options: GenerateOptions = {}): GeneratedGrpcFiles {
  const serviceName = options.serviceName ?? serviceNameFor(options.pluginName ?? 'plugin');
  let normalized: string;
  try {
    normalized = normalizeSubgraphSdl(sdl);
  } catch (err) {
    throw new GrpcGenerationError(err instanceof Error ? err.message : String(err));
  }
  let warnings: string[] = [];
  try {
    const validation = validateGraphQLSDL(normalized);
    if (validation.errors.length > 0) {
      throw new GrpcGenerationError(
        `the schema cannot be mapped to gRPC: ${validation.errors.join('; ')}`,
        validation.errors,
      );
    }
    warnings = validation.warnings;
    const mapping = compileGraphQLToMapping(normalized, serviceName);
    const proto = compileGraphQLToProto(normalized, {
      serviceName,
      packageName: options.packageName ?? 'service',
      ...(options.lockData ? { lockData: options.lockData } : {}),
    });
    return {
      serviceName,
      protoSchema: proto.proto,
      mapping: JSON.parse(mapping.toJsonString()) as GrpcMappingJson,
      lockData: proto.lockData,
      warnings,
    };
  } catch (err) {
    if (err instanceof GrpcGenerationError) throw err;
    throw new GrpcGenerationError(
      `protographic could not generate the proto: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
}

/** "my-products" → "MyProductsService", as Cosmo names plugin services (lodash camelCase + upperFirst). */
export function serviceNameFor(pluginName: string): string {
  const words = snakeCase(pluginName).split('_').filter(Boolean);
  const pascal = (words.length ? words : ['plugin'])
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return `${/^[0-9]/.test(pascal) ? 'P' : ''}${pascal}Service`;
}
