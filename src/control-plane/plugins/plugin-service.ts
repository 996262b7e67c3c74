import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Database } from '../db/client.ts';
import type { OrgContext, Principal } from '../auth/principal.ts';
import { conflict, notFound } from '../http/errors.ts';
import {
  type PluginBuildDetail,
  type PluginBuildList,
  type PluginList,
  type UploadPluginBuildResponse,
} from '../../shared/api/plugins.ts';
import type { PluginConfig } from './plugin-config.ts';
import { PluginRepository } from './plugin-repository.ts';
import { buildKey, type PluginStorage } from './storage/plugin-storage.ts';
import { sweepStaleParts } from './receive-upload.ts';
import { noPluginHooks, type PluginHooks } from './plugin-hooks.ts';
import { uploadPluginBuild } from './plugin-upload.ts';
import { discardArchiveIfUnreferenced } from './archive-references.ts';
import { findPluginBuild, type ResolvedPluginBuild } from './resolve-build.ts';
import { toPlugin, toPluginBuild, toPluginBuildDetail } from './plugin-views.ts';

export interface PluginServiceDeps {
  db: Database;
  storage: PluginStorage;
  config: PluginConfig;
  now: () => Date;
  hooks?: PluginHooks;
}

export class PluginService {
  /** Replaceable, so the graph registry can plug in its composition and usage checks. */
  hooks: PluginHooks;

  constructor(private readonly deps: PluginServiceDeps) {
    this.hooks = deps.hooks ?? noPluginHooks;
  }

  get storage(): PluginStorage {
    return this.deps.storage;
  }

  get maxBytes(): number {
    return this.deps.config.maxBytes;
  }

  async upload(
    org: OrgContext,
    principal: Principal,
    target: { namespace: string; name: string },
    body: Readable | undefined,
    contentLength: number | undefined,
  ): Promise<UploadPluginBuildResponse> {
    const namespace = await this.namespace(new PluginRepository(this.deps.db), org, target.namespace);
    const result = await uploadPluginBuild(
      { db: this.deps.db, storage: this.deps.storage, config: this.deps.config, hooks: this.hooks, now: this.deps.now },
      { org, principal, namespace, plugin: target.name, body, contentLength },
    );
    if (result.created) {
      // The build is stored and immutable by now; a failure to propagate it must not turn
      // the upload into an error the client would retry.
      try {
        await this.hooks.onBuildRecorded?.({ organizationId: org.id, namespace: namespace.name, plugin: target.name, version: result.build.version });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        return { ...result, warnings: [`The build was stored, but updating the graphs that use ${target.name} failed: ${message}`] };
      }
    }
    return result;
  }

  async listPlugins(org: OrgContext, namespace: string): Promise<PluginList> {
    const repo = new PluginRepository(this.deps.db);
    const ns = await this.namespace(repo, org, namespace);
    const rows = await repo.listPlugins(ns.id);
    const ids = rows.map((p) => p.id);
    const counts = await repo.buildCounts(ids);
    const latest = await repo.latestBuilds(ids);
    return { plugins: rows.map((p) => toPlugin(org.slug, ns.name, p, counts.get(p.id) ?? 0, latest.get(p.id) ?? null)) };
  }

  async listBuilds(org: OrgContext, namespace: string, name: string): Promise<PluginBuildList> {
    const repo = new PluginRepository(this.deps.db);
    const { ns, plugin } = await this.plugin(repo, org, namespace, name);
    const builds = await repo.listBuilds(plugin.id);
    return {
      plugin: toPlugin(org.slug, ns.name, plugin, builds.length, builds[0] ?? null),
      builds: builds.map((b) => toPluginBuild(org.slug, ns.name, plugin, b)),
      usedBy: await this.hooks.findPluginUsage({ organizationId: org.id, namespace: ns.name, plugin: name }),
    };
  }

  async getBuild(org: OrgContext, namespace: string, name: string, version: string): Promise<PluginBuildDetail> {
    const repo = new PluginRepository(this.deps.db);
    const { ns, plugin } = await this.plugin(repo, org, namespace, name);
    const row = await repo.findBuild(plugin.id, version);
    if (!row) throw notFound(`Plugin "${name}" has no version ${version}`);
    return toPluginBuildDetail(org.slug, ns.name, plugin, row);
  }

  async openDownload(org: OrgContext, namespace: string, name: string, version: string) {
    const build = await this.getBuild(org, namespace, name, version);
    return { build, ...(await this.openArchive(build.sha256)) };
  }

  /** For routers: a build of the organization the token's graph belongs to, by hash. */
  async openForGraph(graphId: string, sha256: string): Promise<{ stream: Readable; size: number }> {
    const repo = new PluginRepository(this.deps.db);
    const organizationId = await repo.organizationOfGraph(graphId);
    const row = organizationId ? await repo.findBuildInOrgBySha(organizationId, sha256) : undefined;
    if (!row) throw notFound(`No plugin build with sha256 ${sha256} in this graph's organization`);
    return this.openArchive(sha256);
  }

  async deletePlugin(org: OrgContext, namespace: string, name: string): Promise<void> {
    const repo = new PluginRepository(this.deps.db);
    const { ns, plugin } = await this.plugin(repo, org, namespace, name);
    const users = await this.hooks.findPluginUsage({ organizationId: org.id, namespace: ns.name, plugin: name });
    if (users.length) {
      throw conflict(`Plugin "${name}" is used by ${users.join(', ')}; point ${users.length === 1 ? 'it' : 'them'} elsewhere before deleting the plugin`, {
        usedBy: users,
      });
    }
    await this.discardArchives(await repo.deletePlugin(plugin.id));
  }

  /**
   * Garbage-collects builds of a generated plugin: deletes the builds up to (and with)
   * `upTo` that are not in `keep`, and the plugin itself when none is left and nothing
   * uses it. Builds newer than `upTo` belong to work still under way and stay.
   */
  async pruneBuilds(org: OrgContext, namespace: string, name: string, opts: { upTo: string; keep: Set<string> }): Promise<string[]> {
    const repo = new PluginRepository(this.deps.db);
    const ns = await repo.findNamespace(org.id, namespace);
    const plugin = ns ? await repo.findPlugin(ns.id, name) : undefined;
    if (!plugin) return [];
    const builds = await repo.listBuilds(plugin.id);
    const limit = builds.find((b) => b.version === opts.upTo)?.seq;
    if (limit === undefined) return [];
    const doomed = builds.filter((b) => b.seq <= limit && !opts.keep.has(b.version));
    if (doomed.length === builds.length) {
      // Nothing pins a build, but something may still name the plugin (a graph's subgraph).
      if ((await this.hooks.findPluginUsage({ organizationId: org.id, namespace, plugin: name })).length) return [];
      await this.discardArchives(await repo.deletePlugin(plugin.id));
    } else {
      await this.discardArchives(await repo.deleteBuilds(plugin.id, doomed.map((b) => b.id)));
    }
    return doomed.map((b) => b.version);
  }

  /** Removes from storage the archives no build points at any more (a plugin or namespace is gone). */
  async discardArchives(shas: string[]): Promise<void> {
    for (const sha of new Set(shas)) await discardArchiveIfUnreferenced(this.deps.db, this.deps.storage, sha);
  }

  /**
   * The build a grpc_plugin subgraph pinned to `name@version` (or, without a version,
   * the newest build) runs, in the router config's terms; null when there is none.
   */
  resolveBuild(organizationId: string, namespace: string, name: string, version?: string): Promise<ResolvedPluginBuild | null> {
    return findPluginBuild(this.deps.db, organizationId, namespace, name, version);
  }

  /** Clears what a crash mid-upload left in staging (and in a filesystem store's .tmp). */
  async sweepStaleFiles(olderThanMs = 24 * 3_600_000): Promise<number> {
    const dirs = [this.deps.config.stagingDir];
    if (this.deps.config.storage.kind === 'filesystem') dirs.push(join(this.deps.config.storage.dir, '.tmp'));
    let removed = 0;
    for (const dir of dirs) removed += await sweepStaleParts(dir, olderThanMs);
    return removed;
  }

  private async openArchive(sha256: string): Promise<{ stream: Readable; size: number }> {
    const found = await this.deps.storage.get(buildKey(sha256));
    // A recorded build always has its archive; a missing one is our fault, not the caller's.
    if (!found) throw new Error(`plugin archive ${sha256} is missing from ${this.deps.storage.describe()}`);
    return found;
  }

  private async namespace(repo: PluginRepository, org: OrgContext, namespace: string) {
    const ns = await repo.findNamespace(org.id, namespace);
    if (!ns) throw notFound(`Namespace "${namespace}" not found`);
    return ns;
  }

  private async plugin(repo: PluginRepository, org: OrgContext, namespace: string, name: string) {
    const ns = await this.namespace(repo, org, namespace);
    const plugin = await repo.findPlugin(ns.id, name);
    if (!plugin) throw notFound(`Plugin "${name}" not found in namespace "${ns.name}"`);
    return { ns, plugin };
  }
}
