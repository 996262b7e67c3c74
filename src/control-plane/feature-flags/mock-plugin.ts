import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kind, parse, print, type DocumentNode } from 'graphql';
import type { OrgContext, Principal } from '../auth/principal.ts';
import { AppError, badRequest } from '../http/errors.ts';
import { checkSdlSyntax } from '../../shared/composition/compose.ts';
import type { PluginService } from '../plugins/plugin-service.ts';
import { buildMockPluginDir } from '../../plugins/mock/build-mock-dir.ts';
import { goPlatform } from '../../plugins/runtime/platform.ts';
import { packPluginDir } from '../../plugins/sdk/pack-plugin-dir.ts';
import { MAX_NAME_LENGTH } from '../../shared/names.ts';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { featureFlags, featureSubgraphs, namespaces, subgraphs } from '../db/schema.ts';

/** The plugin a flag's mock for one subgraph is stored under: one per (flag, subgraph). */
export function mockPluginName(flag: string, subgraph: string): string {
  const name = `mock-${flag}-${subgraph}`;
  if (name.length <= MAX_NAME_LENGTH) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 10);
  return `${name.slice(0, MAX_NAME_LENGTH - 11)}-${hash}`;
}

/**
 * Checks an edited mock SDL: it parses (400 naming line and column), and every entity
 * of the base subgraph keeps its @key, so the router can still join it. Composition
 * reports whatever else is wrong.
 */
export function checkMockSdl(sdl: string, baseSdl: string | null): void {
  const syntax = checkSdlSyntax(sdl);
  if (!syntax.ok) throw badRequest(syntax.message, { line: syntax.line, column: syntax.column });
  if (!baseSdl) return;
  const before = entityKeys(parse(baseSdl));
  const after = entityKeys(parse(sdl));
  for (const [type, keys] of before) {
    const kept = after.get(type);
    const missing = [...keys].filter((k) => !kept?.has(k));
    if (missing.length) {
      throw badRequest(
        `The mock schema drops the entity key @key(fields: "${missing[0]}") of type ${type}; keep the base subgraph's entity keys so federation can still join ${type}`,
        { type, keys: missing },
      );
    }
  }
}

function entityKeys(doc: DocumentNode): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== 'key') continue;
      const fields = d.arguments?.find((a) => a.name.value === 'fields')?.value;
      if (!fields) continue;
      const text = fields.kind === Kind.STRING ? fields.value : print(fields);
      const set = out.get(def.name.value) ?? new Set<string>();
      set.add(text.replace(/\s+/g, ' ').trim());
      out.set(def.name.value, set);
    }
  }
  return out;
}

/**
 * The mock runtime is one Node script, so the same file serves every platform; routers
 * on Linux servers and on developers' Macs can run a flag's mock wherever the control plane
 * built it. This machine's platform comes first (it is what the local router runs).
 */
export function mockPlatforms(): string[] {
  return [...new Set([goPlatform(), 'linux_amd64', 'linux_arm64', 'darwin_arm64'])];
}

/**
 * Builds a mock plugin for `sdl` and stores it as a plugin build through the plugin
 * registry's own upload path (the same archive checks and content-addressed storage as
 * any upload), so routers download it by hash like any other build. Identical inputs
 * give an identical archive, which the registry recognises as the existing build.
 */
export async function buildAndStoreMockPlugin(
  plugins: PluginService,
  input: { org: OrgContext; principal: Principal; namespace: string; pluginName: string; sdl: string; mocks: unknown },
): Promise<{ version: string; sha256: string }> {
  const work = await mkdtemp(join(tmpdir(), 'switchyard-mock-'));
  try {
    const dir = join(work, 'plugin');
    try {
      await buildMockPluginDir(dir, { sdl: input.sdl, mocks: input.mocks ?? {}, name: input.pluginName, platforms: mockPlatforms() });
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw badRequest(`Cannot build the mock plugin (check the schema and mocks.json): ${err instanceof Error ? err.message : String(err)}`);
    }
    // The mock runtime writes version "mock"; versions are immutable, so let the
    // registry number each distinct mock build instead.
    await writeFile(join(dir, 'plugin.json'), `${JSON.stringify({ name: input.pluginName, mock: true }, null, 2)}\n`);
    const archive = join(work, 'build.tar.gz');
    await packPluginDir(dir, archive);
    const { size } = await stat(archive);
    const uploaded = await plugins.upload(
      input.org,
      input.principal,
      { namespace: input.namespace, name: input.pluginName },
      createReadStream(archive),
      size,
    );
    return { version: uploaded.build.version, sha256: uploaded.build.sha256 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Garbage-collects the builds of a flag's mock plugin that no flag pins: a lost 409 race
 * or a rebuilt mock leaves one behind. Only builds up to `upTo` (the build this swap
 * made) go, so a swap still building its own (newer) one never loses it. Never fails
 * the request it follows: a leftover build is collected by the next swap.
 */
export async function collectMockBuilds(
  deps: { db: Database; plugins: PluginService },
  org: OrgContext,
  namespace: string,
  pluginName: string,
  upTo: string,
): Promise<void> {
  try {
    const pinned = await deps.db
      .select({ version: featureSubgraphs.pluginVersion })
      .from(featureSubgraphs)
      .innerJoin(featureFlags, eq(featureFlags.id, featureSubgraphs.featureFlagId))
      .innerJoin(namespaces, eq(namespaces.id, featureFlags.namespaceId))
      .where(and(eq(namespaces.organizationId, org.id), eq(namespaces.name, namespace), eq(featureSubgraphs.pluginName, pluginName)));
    // Someone may have pointed a graph's grpc_plugin subgraph at a mock's builds, too.
    const subgraphPins = await deps.db
      .select({ version: subgraphs.pluginVersion })
      .from(subgraphs)
      .innerJoin(namespaces, eq(namespaces.id, subgraphs.namespaceId))
      .where(and(eq(namespaces.organizationId, org.id), eq(namespaces.name, namespace), eq(subgraphs.pluginName, pluginName)));
    if (subgraphPins.some((p) => p.version === null)) return; // follows the newest build
    const keep = new Set([...pinned, ...subgraphPins].map((p) => p.version).filter((v): v is string => v !== null));
    await deps.plugins.pruneBuilds(org, namespace, pluginName, { upTo, keep });
  } catch {
    // see above
  }
}
