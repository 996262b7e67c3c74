import type { OrgContext, Principal } from '../auth/principal.ts';
import { AppError, badRequest, conflict, notFound } from '../http/errors.ts';
import { actorFromPrincipal, type Actor } from '../graphs/actor.ts';
import { graphNotFound, inNamespaceTransaction, type GraphRepos, type RegistryDeps } from '../graphs/registry-context.ts';
import type { NamespaceRow } from '../graphs/namespaces/namespace-repository.ts';
import { membersOf } from '../graphs/compositions/members.ts';
import type { PluginService } from '../plugins/plugin-service.ts';
import { parseLabel, matchesLabelMatchers } from '../../shared/labels.ts';
import type {
  CreateFlagRequest,
  FeatureFlag,
  FeatureFlagDetail,
  FlagChangeResult,
  FlagComposition,
  FlagSchemaDiff,
  MockDefaults,
  Swap,
  UpdateFlagRequest,
} from '../../shared/api/feature-flags.ts';
import { FlagRepository, type FlagRow } from './flag-repository.ts';
import { recomposeFlags, type FlagComposeContext } from './flag-composer.ts';
import { applicableGraphs, loadFlags, toFeatureFlag } from './flag-views.ts';
import { flagCompositions, flagDetail, flagNotFound, flagSchemaDiffFor, listFlags, readFlag } from './flag-queries.ts';
import { buildAndStoreMockPlugin, checkMockSdl, collectMockBuilds, mockPluginName } from './mock-plugin.ts';
import { mockKeyPools, starterMocks } from './mock-defaults.ts';
import type { ObservedKeyStore } from '../graphs/router-config/observed-key-store.ts';
import { findPluginBuild } from '../plugins/resolve-build.ts';
import { checkSdlSyntax } from '../../shared/composition/compose.ts';

export interface FlagServiceDeps extends RegistryDeps {
  plugins: PluginService;
  /** Entity keys the graphs' routers saw resolved: the first source of mock key pools. */
  observedKeys?: ObservedKeyStore;
}

type StoredSwap = { kind: 'mock' | 'plugin' | 'url'; routingUrl: string | null; sdl: string | null; mocks: unknown; pluginName: string | null; pluginVersion: string | null };

/**
 * The rules of feature flags: every write takes the namespace lock and checks the flag's
 * version. Reads are in flag-queries.ts; the methods here that read only pass them on, so
 * routes and the CLI keep one service to call.
 */
export class FeatureFlagService {
  constructor(private readonly deps: FlagServiceDeps) {}

  /** "Clone a graph into a flag": labels that make the flag apply to this graph, and no swaps. */
  async createForGraph(org: OrgContext, principal: Principal, namespace: string, graphName: string, body: CreateFlagRequest): Promise<FlagChangeResult> {
    const actor = actorFromPrincipal(principal);
    return this.write(org, namespace, actor, `feature flag ${body.name} created`, async (ctx, repo) => {
      const graph = await ctx.r.graphs.find(ctx.namespace.id, graphName);
      if (!graph) throw graphNotFound(namespace, graphName);
      // One label from each matcher satisfies all of them (matchers are AND of ORs).
      const labels = [...new Set(graph.labelMatchers.map((m) => parseLabel(m.split(',')[0]!.trim())).map((l) => `${l.key}=${l.value}`))].sort();
      if (!matchesLabelMatchers(labels, graph.labelMatchers)) {
        throw badRequest(`Graph "${graphName}" has label matchers no set of labels can satisfy`);
      }
      const flag = await repo.create({
        organizationId: org.id,
        namespaceId: ctx.namespace.id,
        name: body.name,
        description: body.description ?? '',
        labels,
        actor,
        now: ctx.now,
      });
      if (!flag) throw conflict(`A feature flag named "${body.name}" already exists in namespace "${namespace}"`);
      await this.audit(ctx, 'feature_flag.created', flag.name, { graph: graphName, labels });
      await recomposeFlags(ctx, { flagIds: [flag.id], force: true });
      return { featureFlag: await this.view(ctx.r, ctx.namespace, flag.name) };
    });
  }

  list(org: OrgContext, namespace: string, graphName?: string): Promise<FeatureFlag[]> {
    return listFlags(this.deps, org, namespace, graphName);
  }

  get(org: OrgContext, namespace: string, name: string): Promise<FeatureFlagDetail> {
    return flagDetail(this.deps, org, namespace, name);
  }

  async swap(org: OrgContext, principal: Principal, namespace: string, name: string, subgraph: string, expectedVersion: number, swap: Swap): Promise<FlagChangeResult> {
    const actor = actorFromPrincipal(principal);
    // Checked before the (slow) mock build, and again under the lock when it is recorded.
    const pre = await this.readForSwap(org, namespace, name, subgraph, expectedVersion);
    let stored: StoredSwap;
    if (swap.kind === 'mock') {
      const sdl = swap.sdl ?? pre.baseSdl;
      if (!sdl) throw badRequest(`Subgraph "${subgraph}" has no published schema yet; give the mock an SDL`);
      checkMockSdl(sdl, pre.baseSdl);
      const pluginName = mockPluginName(name, subgraph);
      // Entities a real subgraph resolves get keys it knows, unless mocks.json brings its own.
      const { mocks } = await mockKeyPools(pre.r, pre.ns, pre.flag, subgraph, sdl, swap.mocks ?? {}, {
        observed: this.deps.observedKeys,
      });
      const built = await buildAndStoreMockPlugin(this.deps.plugins, { org, principal, namespace, pluginName, sdl, mocks });
      stored = { kind: 'mock', routingUrl: null, sdl, mocks, pluginName, pluginVersion: built.version };
      try {
        return await this.recordSwap(org, namespace, actor, name, subgraph, expectedVersion, stored);
      } finally {
        // A lost race (409) leaves a build nobody pins, and a new build replaces the old one.
        await collectMockBuilds(this.deps, org, namespace, pluginName, built.version);
      }
    } else if (swap.kind === 'plugin') {
      const build = await findPluginBuild(this.deps.db, org.id, namespace, swap.plugin, swap.version);
      if (!build) {
        throw notFound(swap.version ? `Plugin "${swap.plugin}" has no version ${swap.version} in namespace "${namespace}"` : `Plugin "${swap.plugin}" has no builds in namespace "${namespace}"`);
      }
      stored = { kind: 'plugin', routingUrl: null, sdl: null, mocks: null, pluginName: swap.plugin, pluginVersion: build.ref.version };
    } else {
      if (swap.sdl !== undefined) {
        const syntax = checkSdlSyntax(swap.sdl);
        if (!syntax.ok) throw badRequest(syntax.message, { line: syntax.line, column: syntax.column });
      }
      stored = { kind: 'url', routingUrl: swap.routingUrl, sdl: swap.sdl ?? null, mocks: null, pluginName: null, pluginVersion: null };
    }
    return this.recordSwap(org, namespace, actor, name, subgraph, expectedVersion, stored);
  }

  /** The swap dialog's starting mocks.json for a subgraph: the current swap's, with key pools filled in. */
  async mockDefaults(org: OrgContext, namespace: string, name: string, subgraph: string): Promise<MockDefaults> {
    const { r, ns, flag } = await readFlag(this.deps, org, namespace, name);
    const base = await this.requireSubgraph({ r, namespace: ns }, flag, subgraph);
    const current = (await new FlagRepository(r.db).subgraphsOf([flag.id])).find((s) => s.baseSubgraphName === subgraph && s.kind === 'mock');
    const sdl = current?.sdl ?? (await r.versions.latest(base.id))?.sdl;
    const mocks = (current?.mocks as Record<string, unknown> | null) ?? starterMocks();
    if (!sdl) return { mocks, keyPools: [] };
    return mockKeyPools(r, ns, flag, subgraph, sdl, mocks, { observed: this.deps.observedKeys });
  }

  private recordSwap(org: OrgContext, namespace: string, actor: Actor, name: string, subgraph: string, expectedVersion: number, stored: StoredSwap): Promise<FlagChangeResult> {
    return this.write(org, namespace, actor, `${subgraph} swapped (${stored.kind}) in feature flag ${name}`, async (ctx, repo) => {
      const flag = await this.lockedFlag(ctx, repo, name, expectedVersion);
      await this.requireSubgraph(ctx, flag, subgraph);
      await repo.upsertSubgraph({ featureFlagId: flag.id, baseSubgraphName: subgraph, ...stored, actor, now: ctx.now });
      await repo.touch(flag.id, {}, actor, ctx.now);
      await this.audit(ctx, 'feature_flag.subgraph_swapped', name, {
        subgraph,
        kind: stored.kind,
        ...(stored.routingUrl ? { routingUrl: stored.routingUrl } : {}),
        ...(stored.pluginName ? { plugin: `${stored.pluginName}@${stored.pluginVersion}` } : {}),
      });
      await recomposeFlags(ctx, { flagIds: [flag.id], force: true });
      return { featureFlag: await this.view(ctx.r, ctx.namespace, name) };
    });
  }

  async restore(org: OrgContext, principal: Principal, namespace: string, name: string, subgraph: string, expectedVersion: number): Promise<FlagChangeResult> {
    const actor = actorFromPrincipal(principal);
    let mock: { plugin: string; version: string } | null = null;
    const result = await this.write(org, namespace, actor, `${subgraph} restored in feature flag ${name}`, async (ctx, repo) => {
      const flag = await this.lockedFlag(ctx, repo, name, expectedVersion);
      const swap = (await repo.subgraphsOf([flag.id])).find((s) => s.baseSubgraphName === subgraph);
      if (swap?.kind === 'mock' && swap.pluginName && swap.pluginVersion) mock = { plugin: swap.pluginName, version: swap.pluginVersion };
      if (!(await repo.removeSubgraph(flag.id, subgraph))) throw notFound(`Feature flag "${name}" does not swap subgraph "${subgraph}"`);
      await repo.touch(flag.id, {}, actor, ctx.now);
      await this.audit(ctx, 'feature_flag.subgraph_restored', name, { subgraph });
      await recomposeFlags(ctx, { flagIds: [flag.id], force: true });
      return { featureFlag: await this.view(ctx.r, ctx.namespace, name) };
    });
    // The restored mock's builds go with it (a flag deleted later could not find them).
    const gone = mock as { plugin: string; version: string } | null;
    if (gone) await collectMockBuilds(this.deps, org, namespace, gone.plugin, gone.version);
    return result;
  }

  async update(org: OrgContext, principal: Principal, namespace: string, name: string, body: UpdateFlagRequest): Promise<FlagChangeResult> {
    const actor = actorFromPrincipal(principal);
    return this.write(org, namespace, actor, `feature flag ${name} updated`, async (ctx, repo) => {
      const flag = await this.lockedFlag(ctx, repo, name, body.expectedVersion);
      const changes = {
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
        ...(body.description !== undefined ? { description: body.description } : {}),
      };
      await repo.touch(flag.id, changes, actor, ctx.now);
      const action =
        body.enabled === undefined || body.enabled === flag.enabled ? 'feature_flag.updated' : body.enabled ? 'feature_flag.enabled' : 'feature_flag.disabled';
      await this.audit(ctx, action, name, changes);
      // Enabling or disabling changes what routers get; the compositions stay as they are.
      await recomposeFlags(ctx, { flagIds: [flag.id] });
      return { featureFlag: await this.view(ctx.r, ctx.namespace, name) };
    });
  }

  async delete(org: OrgContext, principal: Principal, namespace: string, name: string, expectedVersion: number | undefined): Promise<void> {
    const actor = actorFromPrincipal(principal);
    const mocks = await this.write(org, namespace, actor, `feature flag ${name} deleted`, async (ctx, repo) => {
      const flag = await this.lockedFlag(ctx, repo, name, expectedVersion);
      const data = await loadFlags(ctx.r, ctx.namespace, [flag]);
      const graphIds = applicableGraphs(data, flag).map((g) => g.graph.id);
      const swaps = await repo.subgraphsOf([flag.id]);
      await repo.delete(flag.id);
      await this.audit(ctx, 'feature_flag.deleted', name, {});
      await recomposeFlags(ctx, { graphIds, flagIds: [] });
      return swaps.filter((s) => s.kind === 'mock' && s.pluginName).map((s) => s.pluginName!);
    });
    // The flag's generated mock plugins go with it, unless something else was pointed at one.
    for (const plugin of mocks) {
      await this.deps.plugins.deletePlugin(org, namespace, plugin).catch((err: unknown) => {
        if (!(err instanceof AppError)) throw err;
      });
    }
  }

  compositions(org: OrgContext, namespace: string, name: string, limit: number): Promise<FlagComposition[]> {
    return flagCompositions(this.deps, org, namespace, name, limit);
  }

  schemaDiff(org: OrgContext, namespace: string, name: string, graphName?: string): Promise<FlagSchemaDiff> {
    return flagSchemaDiffFor(this.deps, org, namespace, name, graphName);
  }

  private async readForSwap(org: OrgContext, namespace: string, name: string, subgraph: string, expectedVersion: number) {
    const { r, ns, flag } = await readFlag(this.deps, org, namespace, name);
    checkVersion(flag, expectedVersion);
    const base = await this.requireSubgraph({ r, namespace: ns }, flag, subgraph);
    const latest = await r.versions.latest(base.id);
    return { baseSdl: latest?.sdl ?? null, r, ns, flag };
  }

  /** The base subgraph must be in a graph the flag applies to (or would, with this swap). */
  private async requireSubgraph(ctx: { r: GraphRepos; namespace: NamespaceRow }, flag: FlagRow, subgraph: string) {
    const base = await ctx.r.subgraphs.find(ctx.namespace.id, subgraph);
    if (!base) throw notFound(`Subgraph "${subgraph}" not found in namespace "${ctx.namespace.name}"`);
    const all = await ctx.r.subgraphs.listInNamespace(ctx.namespace.id);
    const graphs = await ctx.r.graphs.listInNamespace(ctx.namespace.id);
    const reachable = graphs.some(
      (g) => matchesLabelMatchers(flag.labels, g.labelMatchers) && membersOf(g, all).some((m) => m.name === subgraph),
    );
    if (!reachable) throw badRequest(`Subgraph "${subgraph}" is not in any graph feature flag "${flag.name}" applies to`);
    return base;
  }

  private async lockedFlag(ctx: FlagComposeContext, repo: FlagRepository, name: string, expectedVersion: number | undefined) {
    const flag = await repo.find(ctx.namespace.id, name);
    if (!flag) throw flagNotFound(ctx.namespace.name, name);
    if (expectedVersion !== undefined) checkVersion(flag, expectedVersion);
    return flag;
  }

  private async view(r: GraphRepos, ns: NamespaceRow, name: string): Promise<FeatureFlag> {
    const flag = (await new FlagRepository(r.db).find(ns.id, name))!;
    return toFeatureFlag(await loadFlags(r, ns, [flag]), ns, flag);
  }

  private audit(ctx: FlagComposeContext, action: string, name: string, details: Record<string, unknown>) {
    return ctx.r.audit.record({
      organizationId: ctx.namespace.organizationId,
      actor: ctx.actor,
      action,
      resourceType: 'feature_flag',
      resourceName: name,
      namespace: ctx.namespace.name,
      details,
      now: ctx.now,
    });
  }

  private write<T>(org: OrgContext, namespace: string, actor: Actor, trigger: string, work: (ctx: FlagComposeContext, repo: FlagRepository) => Promise<T>): Promise<T> {
    return inNamespaceTransaction(this.deps, org, namespace, (r, ns) =>
      work({ r, namespace: ns, actor, trigger, now: this.deps.now() }, new FlagRepository(r.db)),
    );
  }
}

function checkVersion(flag: FlagRow, expected: number): void {
  if (flag.version === expected) return;
  throw conflict(
    `This flag was changed by ${flag.updatedByLabel} at ${flag.updatedAt.toISOString()} (now version ${flag.version}, you had version ${expected}); reload and try again`,
    { currentVersion: flag.version, updatedBy: flag.updatedByLabel, updatedAt: flag.updatedAt.toISOString() },
  );
}
