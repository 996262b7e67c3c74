import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import {
  composeSubgraphs,
  type CompositionErrorInfo,
  type SubgraphInput,
} from '../../control-plane/composition/compose.ts';
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

export interface LocalGraphInput {
  graph?: { namespace: string; name: string };
  subgraphs: SubgraphInput[];
  /** Each flag replaces the base subgraphs of the same name (or adds new ones). */
  featureFlags?: { name: string; subgraphs: SubgraphInput[] }[];
  /** Which client headers reach the subgraphs; flags get the same. Absent: none. */
  headers?: HeaderRules;
  builtAt?: string;
}

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
    const composed = composeServed([
      ...input.subgraphs.filter((s) => !replaced.has(s.name)),
      ...flag.subgraphs,
    ], input.headers);
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
  subgraphs: SubgraphInput[],
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
        kind: 'standard',
        url: s.url,
        plugin: null,
        grpc: null,
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
    throw new UsageError(`${path} is not valid YAML: ${err instanceof Error ? err.message : String(err)}`);
  }
  // A bare list of subgraphs, or a document with graph, subgraphs and feature_flags.
  const parsed = Array.isArray(raw)
    ? listSchema
        .transform((subgraphs) => ({ graph: undefined, subgraphs, feature_flags: [], headers: undefined }))
        .safeParse(raw)
    : documentSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new UsageError(`${path} is not a valid subgraphs file:\n${lines.join('\n')}`);
  }
  const dir = dirname(resolve(path));
  const load = (entries: z.infer<typeof subgraphEntry>[]) =>
    Promise.all(
      entries.map(async (s) => {
        const file = resolve(dir, s.schema.file);
        const sdl = await readFile(file, 'utf8').catch(() => {
          throw new UsageError(`Subgraph "${s.name}": cannot read schema file ${file}`);
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

export class UsageError extends Error {
  override name = 'UsageError';
}

export const composeUsage = `Usage: switchyard compose --subgraphs subgraphs.yaml [--out router-config.json]

Composes the subgraphs listed in the YAML file into a router config for
"switchyard router --config", with no control plane. The file lists subgraphs:

  subgraphs:
    - name: products
      routing_url: http://localhost:4001/graphql
      schema: { file: ./products.graphql }

Optional: graph: {name, namespace} and feature_flags: [{name, subgraphs: [...]}],
where a flag's subgraphs replace the base subgraphs of the same name, and
headers: the client headers that reach the subgraphs, as in Cosmo's router.yaml
(flags get the same rules; without the key, Authorization is propagated):

  headers:
    all:
      request:
        - op: propagate
          named: Authorization
        - op: propagate
          matching: (?i)^x-tenant-.*
    subgraphs:
      products:
        request:
          - op: set
            name: X-Api-Key
            value: dev-key
Without --out the config is printed to stdout.
`;

export interface CommandIo {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

export async function runCompose(
  args: string[],
  io: CommandIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        subgraphs: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (err) {
    io.err.write(`${err instanceof Error ? err.message : String(err)}\n\n${composeUsage}`);
    return 2;
  }
  if (values.help) {
    io.out.write(composeUsage);
    return 0;
  }
  if (!values.subgraphs) {
    io.err.write(`--subgraphs is required.\n\n${composeUsage}`);
    return 2;
  }
  let input: LocalGraphInput;
  try {
    input = await readSubgraphsFile(values.subgraphs);
  } catch (err) {
    if (err instanceof UsageError || (err as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err.write(`${err instanceof Error ? err.message : String(err)}\n`);
      return 2;
    }
    throw err;
  }
  const result = composeRouterConfig(input);
  if (!result.ok) {
    io.err.write('Composition failed:\n');
    for (const e of result.errors) {
      const where = [e.flag ? `flag ${e.flag}` : null, e.subgraph ? `subgraph ${e.subgraph}` : null]
        .filter(Boolean)
        .join(', ');
      io.err.write(`  ${where ? `[${where}] ` : ''}${e.message}\n`);
    }
    return 1;
  }
  const json = `${JSON.stringify(result.config, null, 2)}\n`;
  if (values.out) {
    await writeFile(values.out, json);
    const flags = result.config.featureFlags.map((f) => f.name);
    io.out.write(
      `Wrote ${values.out}: ${result.config.base.subgraphs.length} subgraphs${flags.length ? `, feature flags: ${flags.join(', ')}` : ''}\n`,
    );
  } else {
    io.out.write(json);
  }
  return 0;
}
