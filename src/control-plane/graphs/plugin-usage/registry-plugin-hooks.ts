import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { namespaces, subgraphs } from '../../db/schema.ts';
import { composeSubgraphs, type CompositionErrorInfo } from '../../../shared/composition/compose.ts';
import type { PluginHooks, PluginRef } from '../../plugins/plugin-hooks.ts';
import { graphRepos, type GraphRepos, type RegistryDeps } from '../registry-context.ts';
import type { SubgraphRow } from '../subgraphs/subgraph-repository.ts';
import type { NamespaceRow } from '../namespaces/namespace-repository.ts';
import { compositionUrl, membersOf } from '../compositions/members.ts';
import { affectedGraphs } from '../subgraphs/subgraph-service.ts';
import { refreshRouterConfig } from '../router-config/router-config-publisher.ts';
import { flagConfigsFor, recomposeFlagsOfGraphs } from '../../feature-flags/flag-composer.ts';
import { systemActor } from '../actor.ts';

/**
 * The graph registry's side of the plugin registry: which subgraphs run a plugin, whether
 * a new build's schema still composes where it would run, and pushing a new build to the
 * routers of the graphs that follow the newest build.
 */
export function registryPluginHooks(deps: RegistryDeps, base: PluginHooks): PluginHooks {
  return {
    ...base,
    async findPluginUsage(ref) {
      const rows = await pluginSubgraphs(deps.db, ref);
      const others = await base.findPluginUsage(ref);
      return [...rows.map((s) => `subgraph ${s.name}${s.pluginVersion ? ` (pinned to ${s.pluginVersion})` : ''}`), ...others];
    },

    async checkBuildComposes(input) {
      const r = graphRepos(deps.db);
      const ns = await r.namespaces.find(input.organizationId, input.namespace);
      if (!ns) return base.checkBuildComposes(input);
      // A pinned subgraph keeps running its build, so only the ones that follow the
      // newest build are affected by this one.
      const users = (await pluginSubgraphs(deps.db, input)).filter((s) => s.pluginVersion === null);
      const errors = await compositionErrorsWithBuild(r, ns, users, input.schemaSdl);
      if (errors.length) return { ok: false, errors };
      return base.checkBuildComposes(input);
    },

    async onBuildRecorded(input) {
      await deps.db.transaction(async (tx) => {
        const r = graphRepos(tx);
        const ns = await r.namespaces.lock(input.organizationId, input.namespace);
        if (!ns) return;
        const users = (await pluginSubgraphs(tx, input)).filter((s) => s.pluginVersion === null);
        const graphs = await affectedGraphs(r, ns, users);
        if (graphs.length === 0) return;
        const now = deps.now();
        const ctx = { r, namespace: ns, actor: systemActor('plugin-build'), trigger: `plugin ${input.plugin} build ${input.version} uploaded`, now };
        // Feature flags store the subgraphs they route, plugin refs included: rebuild them first.
        await recomposeFlagsOfGraphs(ctx, graphs);
        for (const g of graphs) {
          await refreshRouterConfig(r, { id: g.id, name: g.name, namespace: ns.name }, now, await flagConfigsFor(r, g));
        }
      });
      await base.onBuildRecorded?.(input);
    },
  };
}

/** grpc_plugin subgraphs running this plugin: named after it, or naming it. */
async function pluginSubgraphs(db: Database, ref: PluginRef): Promise<SubgraphRow[]> {
  const rows = await db
    .select({ s: subgraphs })
    .from(subgraphs)
    .innerJoin(namespaces, eq(namespaces.id, subgraphs.namespaceId))
    .where(
      and(
        eq(namespaces.organizationId, ref.organizationId),
        eq(namespaces.name, ref.namespace),
        eq(subgraphs.type, 'grpc_plugin'),
        sql`coalesce(${subgraphs.pluginName}, ${subgraphs.name}) = ${ref.plugin}`,
      ),
    )
    .orderBy(asc(subgraphs.name));
  return rows.map((row) => row.s);
}

/**
 * Composes every graph holding one of `users` with `schemaSdl` in place of their
 * schemas (a user with no published schema yet joins with it), as the graph would be
 * if they ran this build. Errors name the graph, since one build can break several.
 */
async function compositionErrorsWithBuild(
  r: GraphRepos,
  ns: NamespaceRow,
  users: SubgraphRow[],
  schemaSdl: string,
): Promise<CompositionErrorInfo[]> {
  if (users.length === 0) return [];
  const graphs = await affectedGraphs(r, ns, users);
  const all = await r.subgraphs.listInNamespace(ns.id);
  const versions = await r.versions.latestWithSdl(all.map((s) => s.id));
  const userIds = new Set(users.map((u) => u.id));
  const errors: CompositionErrorInfo[] = [];
  for (const graph of graphs) {
    const inputs = membersOf(graph, all).flatMap((s) => {
      const sdl = userIds.has(s.id) ? schemaSdl : versions.get(s.id)?.sdl;
      return sdl === undefined ? [] : [{ name: s.name, url: compositionUrl({ name: s.name, url: s.routingUrl }), sdl }];
    });
    const result = composeSubgraphs(inputs);
    if (!result.ok) errors.push(...result.errors.map((e) => ({ ...e, message: `graph "${graph.name}": ${e.message}` })));
  }
  return errors;
}
