import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { composeSubgraphs, type CompositionErrorInfo } from '../../shared/composition/compose.ts';
import {
  defaultHeaderRules,
  hasHeaderRules,
  headerRulesSchema,
  type HeaderRules,
} from '../../shared/header-rules.ts';
import {
  ROUTER_CONFIG_FORMAT,
  type RouterConfig,
  type ServedComposition,
} from '../../shared/router-config.ts';
import { isCosmoGraphYaml, readCosmoGraphYaml } from './cosmo-graph-yaml.ts';
import { SubgraphsFileError, type LocalGraphInput, type LocalSubgraph } from './local-graph-input.ts';

export { SubgraphsFileError, type LocalGraphInput, type LocalSubgraph };

const subgraphEntry = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lowercase letters, digits, "-" and "_"')
      .max(100),
    routing_url: z.url().optional(),
    url: z.url().optional(),
    schema: z.strictObject({ file: z.string().min(1) }),
  })
  .refine((s) => s.routing_url ?? s.url, { message: 'needs routing_url (or url)' });

const listSchema = z.array(subgraphEntry).min(1);
const documentSchema = z.strictObject({
  graph: z
    .strictObject({ name: z.string().min(1), namespace: z.string().min(1).default('default') })
    .optional(),
  subgraphs: listSchema,
  feature_flags: z
    .array(
      z.strictObject({
        name: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]*$/)
          .max(100),
        subgraphs: listSchema,
      }),
    )
    .default([]),
  /** Cosmo router.yaml's `headers` block; absent: a new graph's default (Authorization). */
  headers: headerRulesSchema.optional(),
});

export type ComposeConfigResult =
  | { ok: true; config: RouterConfig }
  | { ok: false; errors: (CompositionErrorInfo & { flag: string | null })[] };

/** A format-1 router config composed locally, with no control plane. */
export function composeRouterConfig(input: LocalGraphInput): ComposeConfigResult {
  const base = composeServed(input.subgraphs, input.headers);
  if (!base.ok) return { ok: false, errors: base.errors.map((e) => ({ ...e, flag: null })) };
  const featureFlags: RouterConfig['featureFlags'] = [];
  for (const flag of input.featureFlags ?? []) {
    const replaced = new Set(flag.subgraphs.map((s) => s.name));
    const composed = composeServed(
      [...input.subgraphs.filter((s) => !replaced.has(s.name)), ...flag.subgraphs],
      input.headers,
    );
    if (!composed.ok) return { ok: false, errors: composed.errors.map((e) => ({ ...e, flag: flag.name })) };
    featureFlags.push({ name: flag.name, ...composed.served });
  }
  const graph = input.graph ?? { namespace: 'default', name: 'local' };
  return {
    ok: true,
    config: {
      format: ROUTER_CONFIG_FORMAT,
      graph: { id: `local-${graph.namespace}-${graph.name}`, ...graph },
      base: base.served,
      featureFlags,
      builtAt: input.builtAt ?? new Date().toISOString(),
    },
  };
}

function composeServed(
  subgraphs: LocalSubgraph[],
  headers: HeaderRules | undefined,
): { ok: true; served: ServedComposition } | { ok: false; errors: CompositionErrorInfo[] } {
  const result = composeSubgraphs(subgraphs);
  if (!result.ok) return result;
  return {
    ok: true,
    served: {
      ...(headers && hasHeaderRules(headers) ? { headers } : {}),
      compositionId: `local-${createHash('sha256').update(result.supergraphSdl).digest('hex').slice(0, 16)}`,
      supergraphSdl: result.supergraphSdl,
      subgraphs: subgraphs.map((s) => ({
        name: s.name,
        kind: s.kind ?? 'standard',
        // A plugin has no URL: composition got a placeholder, the router starts the plugin.
        url: s.kind === 'grpc_plugin' ? null : s.url,
        plugin: s.plugin ?? null,
        grpc: s.grpc ?? null,
        sdl: s.sdl,
      })),
    },
  };
}

/** Reads a subgraphs YAML file: schema files are relative to the YAML file. */
export async function readSubgraphsFile(path: string): Promise<LocalGraphInput> {
  const text = await readFile(path, 'utf8');
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new SubgraphsFileError(
      `${path} is not valid YAML: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  if (isCosmoGraphYaml(raw)) return readCosmoGraphYaml(path, raw);
  // A bare list of subgraphs, or a document with graph, subgraphs and feature_flags.
  const parsed = Array.isArray(raw)
    ? listSchema
        .transform((subgraphs) => ({ graph: undefined, subgraphs, feature_flags: [], headers: undefined }))
        .safeParse(raw)
    : documentSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SubgraphsFileError(`${path} is not a valid subgraphs file:\n${lines.join('\n')}`);
  }
  const dir = dirname(resolve(path));
  const load = (entries: z.infer<typeof subgraphEntry>[]) =>
    Promise.all(
      entries.map(async (s) => {
        const file = resolve(dir, s.schema.file);
        const sdl = await readFile(file, 'utf8').catch(() => {
          throw new SubgraphsFileError(`Subgraph "${s.name}": cannot read schema file ${file}`);
        });
        return { name: s.name, url: (s.routing_url ?? s.url)!, sdl };
      }),
    );
  const doc = parsed.data;
  return {
    graph: doc.graph,
    headers: doc.headers ?? defaultHeaderRules(),
    subgraphs: await load(doc.subgraphs),
    featureFlags: await Promise.all(
      doc.feature_flags.map(async (f) => ({ name: f.name, subgraphs: await load(f.subgraphs) })),
    ),
  };
}
