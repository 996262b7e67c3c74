import { defaultHeaderRules } from '../../shared/header-rules.ts';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { goPlatform, pluginBinaryPath } from '../../plugins/runtime/platform.ts';
import type { GrpcMapping, PluginBuildRef } from '../../shared/router-config.ts';
import { SubgraphsFileError, type LocalGraphInput, type LocalSubgraph } from './local-graph-input.ts';

/**
 * Cosmo's graph.yaml (the input of `wgc router compose`), read unchanged: standard
 * subgraphs with a schema file, plugin folders in Cosmo's layout, gRPC services with
 * their generated proto and mapping, and feature flags made of feature graphs.
 */

const name = z
  .string()
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'use letters, digits, ".", "-" and "_"')
  .max(100);
const schemaFile = z.object(
  { file: z.string().min(1) },
  { error: 'needs schema.file: Switchyard does not introspect subgraphs' },
);

const standardEntry = z.object({
  name,
  routing_url: z.url(),
  schema: schemaFile,
  subscription: z.unknown().optional(),
  introspection: z.unknown().optional(),
});
const pluginEntry = z.object({
  plugin: z.strictObject({
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.+-]+)?$/, 'must be a semver version, as wgc requires'),
    path: z.string().min(1),
  }),
});
const grpcEntry = z.object({
  name,
  routing_url: z.string().min(1),
  grpc: z.strictObject({
    schema_file: z.string().min(1),
    proto_file: z.string().min(1),
    mapping_file: z.string().min(1),
  }),
});
const featureGraph = z.object({
  name,
  subgraph_name: name,
  routing_url: z.url(),
  schema: schemaFile,
  subscription: z.unknown().optional(),
  introspection: z.unknown().optional(),
});
const graphYamlSchema = z.object({
  version: z.literal(1, 'only graph.yaml version 1 is known'),
  subgraphs: z
    .array(
      z.unknown().transform((entry, ctx) => {
        const shape =
          entry && typeof entry === 'object' && 'plugin' in entry
            ? pluginEntry
            : entry && typeof entry === 'object' && 'grpc' in entry
              ? grpcEntry
              : standardEntry;
        const parsed = shape.safeParse(entry);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            ctx.addIssue({ ...issue, code: 'custom', path: issue.path } as never);
          return z.NEVER;
        }
        return parsed.data;
      }),
    )
    .min(1),
  feature_flags: z.array(z.object({ name, feature_graphs: z.array(featureGraph).min(1) })).default([]),
});

/** A graph.yaml is Cosmo's when it says which version it is; ours never does. */
export function isCosmoGraphYaml(raw: unknown): boolean {
  return !!raw && typeof raw === 'object' && !Array.isArray(raw) && 'version' in raw;
}

async function read(file: string, what: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => {
    throw new SubgraphsFileError(`${what}: cannot read ${file}`);
  });
}

async function readMapping(file: string, what: string): Promise<unknown> {
  const text = await read(file, what);
  try {
    return JSON.parse(text);
  } catch {
    throw new SubgraphsFileError(`${what}: ${file} is not valid JSON`);
  }
}

/**
 * A plugin folder as a build the router can run in place: the name is the folder's, the
 * hash is the current platform's binary's (so a rebuilt binary is a new config), and the
 * download path is the folder itself, which only a router without a control plane follows.
 */
async function pluginSubgraph(dir: string, version: string): Promise<LocalSubgraph> {
  const pluginName = basename(dir);
  const what = `Plugin "${pluginName}" (${dir})`;
  const binary = pluginBinaryPath(dir);
  const bytes = await readFile(binary).catch(() => {
    throw new SubgraphsFileError(`${what}: no binary for this platform at ${binary}; build the plugin first`);
  });
  const platforms = await readdir(join(dir, 'bin')).catch(() => [goPlatform()]);
  const plugin: PluginBuildRef = {
    name: pluginName,
    version,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
    downloadPath: pathToFileURL(dir).href,
    platforms: platforms.map((p) => p.replace(/\.exe$/, '')),
  };
  const grpc: GrpcMapping = {
    protoSchema: await read(join(dir, 'generated', 'service.proto'), what),
    mapping: await readMapping(join(dir, 'generated', 'mapping.json'), what),
  };
  return {
    name: pluginName,
    url: `grpc-plugin://${pluginName}`,
    sdl: await read(join(dir, 'src', 'schema.graphql'), what),
    kind: 'grpc_plugin',
    plugin,
    grpc,
  };
}

/** Reads Cosmo's graph.yaml; every file is relative to the graph.yaml, as wgc reads it. */
export async function readCosmoGraphYaml(path: string, raw: unknown): Promise<LocalGraphInput> {
  const parsed = graphYamlSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SubgraphsFileError(`${path} is not a valid Cosmo graph.yaml:\n${lines.join('\n')}`);
  }
  const dir = dirname(resolve(path));
  const subgraphs: LocalSubgraph[] = [];
  for (const entry of parsed.data.subgraphs) {
    if ('plugin' in entry) {
      subgraphs.push(await pluginSubgraph(resolve(dir, entry.plugin.path), entry.plugin.version));
    } else if ('grpc' in entry) {
      const what = `Subgraph "${entry.name}"`;
      subgraphs.push({
        name: entry.name,
        url: entry.routing_url,
        sdl: await read(resolve(dir, entry.grpc.schema_file), what),
        kind: 'grpc_service',
        grpc: {
          protoSchema: await read(resolve(dir, entry.grpc.proto_file), what),
          mapping: await readMapping(resolve(dir, entry.grpc.mapping_file), what),
        },
      });
    } else {
      subgraphs.push({
        name: entry.name,
        url: entry.routing_url,
        sdl: await read(resolve(dir, entry.schema.file), `Subgraph "${entry.name}"`),
      });
    }
  }
  const names = subgraphs.map((s) => s.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice)
    throw new SubgraphsFileError(`${path}: two subgraphs are named "${twice}"; names must be unique`);

  const featureFlags = [];
  for (const flag of parsed.data.feature_flags) {
    const flagSubgraphs: LocalSubgraph[] = [];
    for (const fg of flag.feature_graphs) {
      if (!names.includes(fg.subgraph_name)) {
        throw new SubgraphsFileError(
          `Feature flag "${flag.name}": feature graph "${fg.name}" names base subgraph "${fg.subgraph_name}", which is not in subgraphs`,
        );
      }
      // Our flags replace the base under its own name (decision 0004), so the base's name is kept.
      flagSubgraphs.push({
        name: fg.subgraph_name,
        url: fg.routing_url,
        sdl: await read(resolve(dir, fg.schema.file), `Feature graph "${fg.name}"`),
      });
    }
    featureFlags.push({ name: flag.name, subgraphs: flagSubgraphs });
  }
  // graph.yaml has no header rules (Cosmo keeps them in router.yaml): a new graph's default applies.
  return { subgraphs, featureFlags, headers: defaultHeaderRules() };
}
