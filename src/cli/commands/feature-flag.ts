import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, createApiClient, processIo, type ApiClient, type CliIo } from '../api-client.ts';
import { resourceNameSchema } from '../../shared/names.ts';
import { DEFAULT_NAMESPACE } from '../../shared/api/graphs.ts';
import {
  flagPaths,
  type FeatureFlag,
  type FeatureFlagDetail,
  type FlagChangeResult,
  type Swap,
} from '../../shared/api/feature-flags.ts';
import { printFlag } from './feature-flag-output.ts';
import { helpFor, wantsHelp } from '../help.ts';

export const featureFlagUsage = helpFor('feature-flag')!;

const options = {
  name: { type: 'string' },
  graph: { type: 'string' },
  subgraph: { type: 'string' },
  namespace: { type: 'string', short: 'n' },
  description: { type: 'string' },
  mock: { type: 'boolean' },
  schema: { type: 'string' },
  mocks: { type: 'string' },
  plugin: { type: 'string' },
  url: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof options, string | boolean>>;

/** `switchyard feature-flag <command> …`; returns the exit code. */
export async function runFeatureFlag(args: string[], io: CliIo = processIo()): Promise<number> {
  const [sub, ...rest] = args;
  try {
    if (sub === undefined || sub === '-h' || sub === '--help') {
      io.stdout(featureFlagUsage);
      return sub ? 0 : 2;
    }
    if (wantsHelp(rest)) {
      io.stdout(helpFor('feature-flag', sub)!);
      return 0;
    }
    let values: Values;
    try {
      values = parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values as Values;
    } catch (err) {
      throw new CliError(`${(err as Error).message}\nRun "switchyard feature-flag --help" for the options.`, 2);
    }
    const namespace = name(values, 'namespace', false) ?? DEFAULT_NAMESPACE;
    const ctx = { io, values, namespace };
    switch (sub) {
      case 'create':
        return await create(ctx);
      case 'swap':
        return await swap(ctx);
      case 'restore':
        return await change(ctx, 'restore');
      case 'enable':
      case 'disable':
      case 'delete':
        return await change(ctx, sub);
      case 'list':
        return await list(ctx);
      default:
        throw new CliError(`Unknown feature-flag command "${sub}".\n\n${featureFlagUsage}`, 2);
    }
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr(`${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
}

interface Ctx {
  io: CliIo;
  values: Values;
  namespace: string;
}

function name(values: Values, key: 'name' | 'graph' | 'subgraph' | 'namespace', required: boolean): string | undefined {
  const value = values[key];
  if (typeof value !== 'string') {
    if (required) throw new CliError(`--${key} is required`, 2);
    return undefined;
  }
  const check = resourceNameSchema.safeParse(value);
  if (!check.success) throw new CliError(`--${key} "${value}": ${check.error.issues[0]!.message}`, 2);
  return value;
}

async function api(io: CliIo): Promise<{ client: ApiClient; org: string }> {
  const client = createApiClient(io.env);
  return { client, org: await client.organization() };
}

async function readText(io: CliIo, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (err) {
    throw new CliError(`Cannot read the ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, 2);
  }
}

function report(io: CliIo, flag: FeatureFlag, done: string): number {
  io.stdout(`${done}\n`);
  const failed = printFlag(io, flag);
  if (failed) io.stderr(`Feature flag ${flag.name} failed to compose on ${failed} graph(s).\n`);
  return failed ? 1 : 0;
}

async function create({ io, values, namespace }: Ctx): Promise<number> {
  const graph = name(values, 'graph', true)!;
  const flag = name(values, 'name', true)!;
  const { client, org } = await api(io);
  const res = await client.request<FlagChangeResult>('POST', flagPaths.graphFlags(org, namespace, graph), {
    name: flag,
    ...(typeof values.description === 'string' ? { description: values.description } : {}),
  });
  return report(io, res.featureFlag, `Created feature flag ${flag} from graph ${graph}.`);
}

async function swapOf({ io, values }: Ctx): Promise<Swap> {
  const chosen = [values.mock === true, typeof values.plugin === 'string', typeof values.url === 'string'].filter(Boolean).length;
  if (chosen !== 1) throw new CliError('Give exactly one of --mock, --plugin NAME[@VERSION] or --url URL', 2);
  const sdl = typeof values.schema === 'string' ? await readText(io, values.schema, 'schema') : undefined;
  if (values.mock === true) {
    let mocks: Record<string, unknown> | undefined;
    if (typeof values.mocks === 'string') {
      const text = await readText(io, values.mocks, 'mocks');
      try {
        mocks = JSON.parse(text) as Record<string, unknown>;
      } catch (err) {
        throw new CliError(`${values.mocks} is not valid JSON: ${(err as Error).message}`, 2);
      }
    }
    return { kind: 'mock', ...(sdl ? { sdl } : {}), ...(mocks ? { mocks } : {}) };
  }
  if (typeof values.mocks === 'string') throw new CliError('--mocks goes with --mock', 2);
  if (typeof values.plugin === 'string') {
    if (sdl) throw new CliError('--schema goes with --mock or --url; a plugin build brings its own schema', 2);
    const [plugin, version] = values.plugin.split('@');
    return { kind: 'plugin', plugin: plugin!, ...(version ? { version } : {}) };
  }
  return { kind: 'url', routingUrl: values.url as string, ...(sdl ? { sdl } : {}) };
}

async function swap(ctx: Ctx): Promise<number> {
  const flag = name(ctx.values, 'name', true)!;
  const subgraph = name(ctx.values, 'subgraph', true)!;
  const body = await swapOf(ctx);
  const { client, org } = await api(ctx.io);
  const current = await client.request<FeatureFlagDetail>('GET', flagPaths.flag(org, ctx.namespace, flag));
  const res = await client.request<FlagChangeResult>('PUT', flagPaths.swap(org, ctx.namespace, flag, subgraph), {
    expectedVersion: current.version,
    swap: body,
  });
  return report(ctx.io, res.featureFlag, `Swapped ${subgraph} in feature flag ${flag} (${body.kind}).`);
}

async function change(ctx: Ctx, what: 'enable' | 'disable' | 'delete' | 'restore'): Promise<number> {
  const flag = name(ctx.values, 'name', true)!;
  const { client, org } = await api(ctx.io);
  const path = flagPaths.flag(org, ctx.namespace, flag);
  const current = await client.request<FeatureFlagDetail>('GET', path);
  if (what === 'delete') {
    await client.request('DELETE', `${path}?expectedVersion=${current.version}`);
    ctx.io.stdout(`Deleted feature flag ${flag}; routers stop serving it.\n`);
    return 0;
  }
  if (what === 'restore') {
    const subgraph = name(ctx.values, 'subgraph', true)!;
    const res = await client.request<FlagChangeResult>(
      'DELETE',
      `${flagPaths.swap(org, ctx.namespace, flag, subgraph)}?expectedVersion=${current.version}`,
    );
    return report(ctx.io, res.featureFlag, `Restored ${subgraph} in feature flag ${flag}.`);
  }
  const res = await client.request<FlagChangeResult>('PATCH', path, {
    expectedVersion: current.version,
    enabled: what === 'enable',
  });
  return report(ctx.io, res.featureFlag, `${what === 'enable' ? 'Enabled' : 'Disabled'} feature flag ${flag}.`);
}

async function list({ io, values, namespace }: Ctx): Promise<number> {
  const only = name(values, 'name', false);
  const graph = name(values, 'graph', false);
  const { client, org } = await api(io);
  if (only) {
    printFlag(io, await client.request<FeatureFlagDetail>('GET', flagPaths.flag(org, namespace, only)));
    return 0;
  }
  const path = graph ? flagPaths.graphFlags(org, namespace, graph) : flagPaths.flags(org, namespace);
  const { featureFlags } = await client.request<{ featureFlags: FeatureFlag[] }>('GET', path);
  if (featureFlags.length === 0) io.stdout(`No feature flags in namespace ${namespace}${graph ? ` for graph ${graph}` : ''}.\n`);
  for (const f of featureFlags) printFlag(io, f);
  return 0;
}
