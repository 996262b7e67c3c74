import type { OrgContext } from '../auth/principal.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import type { Actor } from '../graphs/actor.ts';
import { inNamespaceTransaction, readInNamespace, type RegistryDeps } from '../graphs/registry-context.ts';
import { assertPublishableSdl } from '../graphs/subgraphs/schema-service.ts';
import { FlagRepository } from '../feature-flags/flag-repository.ts';
import { recomposeFlags, type FlagComposeContext } from '../feature-flags/flag-composer.ts';
import { routingUrlProblem } from '../../shared/api/graphs.ts';
import { labelProblem } from '../../shared/labels.ts';
import { resourceNameSchema } from '../../shared/names.ts';
import { CosmoFeatureSubgraphRepository, type CosmoFeatureSubgraphRow } from './feature-subgraph-repository.ts';

/** A flag composition that failed, for wgc's composition error table. */
export interface FlagFailure {
  graph: string;
  flag: string;
  message: string;
}

const fsNotFound = (ns: string, name: string) => notFound(`Feature subgraph "${name}" not found in namespace "${ns}"`);

/**
 * Cosmo's feature subgraphs on top of our flags (decision 0013): a feature subgraph is
 * kept as its own row until a flag names it; the flag then gets a `url` swap of the
 * feature subgraph's base, with its routing URL and schema. A new schema published for
 * the feature subgraph refreshes the swaps of every flag that names it.
 */
export class CosmoFlagService {
  constructor(private readonly deps: RegistryDeps) {}

  async list(org: OrgContext, namespace: string): Promise<CosmoFeatureSubgraphRow[]> {
    const { ns } = await readInNamespace(this.deps, org, namespace);
    return new CosmoFeatureSubgraphRepository(this.deps.db).list(ns.id);
  }

  async find(org: OrgContext, namespace: string, name: string): Promise<CosmoFeatureSubgraphRow | undefined> {
    const { ns } = await readInNamespace(this.deps, org, namespace);
    return new CosmoFeatureSubgraphRepository(this.deps.db).find(ns.id, name);
  }

  async createFeatureSubgraph(org: OrgContext, actor: Actor, namespace: string, input: { name: string; base: string; routingUrl: string }) {
    const name = resourceNameSchema.safeParse(input.name);
    if (!name.success) throw badRequest(`Feature subgraph name: ${name.error.issues[0]?.message}`);
    if (!input.base) throw badRequest('A feature subgraph needs the base subgraph it replaces (--subgraph)');
    const problem = routingUrlProblem('standard', input.routingUrl || null);
    if (problem) throw badRequest(problem);
    return this.tx(org, namespace, actor, '', async (ctx, fs) => {
      if (!(await ctx.r.subgraphs.find(ctx.namespace.id, input.base))) {
        throw notFound(`Base subgraph "${input.base}" not found in namespace "${namespace}"`);
      }
      if (await ctx.r.subgraphs.find(ctx.namespace.id, input.name)) {
        throw conflict(`A subgraph named "${input.name}" already exists in namespace "${namespace}"`);
      }
      const row = await fs.create({
        namespaceId: ctx.namespace.id,
        name: input.name,
        baseSubgraphName: input.base,
        routingUrl: input.routingUrl,
        createdByLabel: actor.label,
        now: ctx.now,
      });
      if (!row) throw conflict(`Feature subgraph "${input.name}" already exists in namespace "${namespace}"`);
      await this.audit(ctx, 'feature_subgraph.created', row.name, { base: input.base, routingUrl: input.routingUrl });
      return row;
    });
  }

  /** Stores the schema and refreshes the swaps of the flags that name the feature subgraph. */
  async publishFeatureSubgraph(org: OrgContext, actor: Actor, namespace: string, name: string, sdl: string) {
    assertPublishableSdl(sdl);
    return this.tx(org, namespace, actor, `schema of feature subgraph ${name} published`, async (ctx, fs) => {
      const row = await fs.find(ctx.namespace.id, name);
      if (!row) throw fsNotFound(namespace, name);
      const changed = row.sdl !== sdl;
      if (!changed) return { changed, failures: [] as FlagFailure[] };
      await fs.setSdl(row.id, sdl, ctx.now);
      await this.audit(ctx, 'feature_subgraph.schema_published', name, { bytes: Buffer.byteLength(sdl) });
      const flags = await fs.flagsOf(row.id);
      const repo = new FlagRepository(ctx.r.db);
      for (const flag of flags) {
        await this.swapIn(ctx, repo, flag.id, { ...row, sdl });
        await repo.touch(flag.id, {}, actor, ctx.now);
      }
      return { changed, failures: await this.recompose(ctx, flags.map((f) => f.id)) };
    });
  }

  async deleteFeatureSubgraph(org: OrgContext, actor: Actor, namespace: string, name: string) {
    return this.tx(org, namespace, actor, `feature subgraph ${name} deleted`, async (ctx, fs) => {
      const row = await fs.find(ctx.namespace.id, name);
      if (!row) throw fsNotFound(namespace, name);
      const flags = await fs.flagsOf(row.id);
      const repo = new FlagRepository(ctx.r.db);
      for (const flag of flags) {
        await repo.removeSubgraph(flag.id, row.baseSubgraphName);
        await repo.touch(flag.id, {}, actor, ctx.now);
      }
      await fs.delete(row.id);
      await this.audit(ctx, 'feature_subgraph.deleted', name, { flags: flags.map((f) => f.name) });
      return { failures: await this.recompose(ctx, flags.map((f) => f.id)) };
    });
  }

  async createFlag(
    org: OrgContext,
    actor: Actor,
    namespace: string,
    input: { name: string; labels: string[]; featureSubgraphs: string[]; enabled: boolean },
  ) {
    const name = resourceNameSchema.safeParse(input.name);
    if (!name.success) throw badRequest(`Feature flag name: ${name.error.issues[0]?.message}`);
    checkLabels(input.labels);
    return this.tx(org, namespace, actor, `feature flag ${input.name} created`, async (ctx, fs) => {
      const members = await this.featureSubgraphs(ctx, fs, input.featureSubgraphs);
      const repo = new FlagRepository(ctx.r.db);
      const flag = await repo.create({
        organizationId: org.id,
        namespaceId: ctx.namespace.id,
        name: input.name,
        description: '',
        labels: input.labels,
        actor,
        now: ctx.now,
      });
      if (!flag) throw conflict(`A feature flag named "${input.name}" already exists in namespace "${namespace}"`);
      // Cosmo creates flags disabled unless told otherwise.
      if (!input.enabled) await repo.touch(flag.id, { enabled: false }, actor, ctx.now);
      for (const m of members) await this.swapIn(ctx, repo, flag.id, m);
      await fs.link(flag.id, members.map((m) => m.id));
      await this.audit(ctx, 'feature_flag.created', flag.name, {
        labels: input.labels,
        featureSubgraphs: members.map((m) => m.name),
        enabled: input.enabled,
      });
      return { failures: await this.recompose(ctx, [flag.id]) };
    });
  }

  /** Replaces the labels and/or the feature subgraphs; the rest of the flag stays. */
  async updateFlag(
    org: OrgContext,
    actor: Actor,
    namespace: string,
    name: string,
    input: { labels?: string[] | undefined; featureSubgraphs?: string[] | undefined },
  ) {
    if (input.labels) checkLabels(input.labels);
    return this.tx(org, namespace, actor, `feature flag ${name} updated`, async (ctx, fs) => {
      const repo = new FlagRepository(ctx.r.db);
      const flag = await repo.find(ctx.namespace.id, name);
      if (!flag) throw notFound(`Feature flag "${name}" not found in namespace "${namespace}"`);
      if (input.labels) await fs.setFlagLabels(flag.id, input.labels);
      if (input.featureSubgraphs) {
        const members = await this.featureSubgraphs(ctx, fs, input.featureSubgraphs);
        for (const swap of await repo.subgraphsOf([flag.id])) await repo.removeSubgraph(flag.id, swap.baseSubgraphName);
        for (const m of members) await this.swapIn(ctx, repo, flag.id, m);
        await fs.link(flag.id, members.map((m) => m.id));
      }
      await repo.touch(flag.id, {}, actor, ctx.now);
      await this.audit(ctx, 'feature_flag.updated', name, {
        ...(input.labels ? { labels: input.labels } : {}),
        ...(input.featureSubgraphs ? { featureSubgraphs: input.featureSubgraphs } : {}),
      });
      return { failures: await this.recompose(ctx, [flag.id]) };
    });
  }

  private async featureSubgraphs(ctx: FlagComposeContext, fs: CosmoFeatureSubgraphRepository, names: string[]) {
    if (names.length === 0) throw badRequest('A feature flag needs at least one feature subgraph');
    const rows: CosmoFeatureSubgraphRow[] = [];
    for (const n of new Set(names)) {
      const row = await fs.find(ctx.namespace.id, n);
      if (!row) throw fsNotFound(ctx.namespace.name, n);
      const twin = rows.find((r) => r.baseSubgraphName === row.baseSubgraphName);
      if (twin) {
        throw badRequest(`Feature subgraphs "${twin.name}" and "${n}" both replace "${row.baseSubgraphName}"; a flag can hold one of them`);
      }
      rows.push(row);
    }
    return rows;
  }

  private swapIn(ctx: FlagComposeContext, repo: FlagRepository, flagId: string, fs: CosmoFeatureSubgraphRow) {
    return repo.upsertSubgraph({
      featureFlagId: flagId,
      baseSubgraphName: fs.baseSubgraphName,
      kind: 'url',
      routingUrl: fs.routingUrl,
      // No schema yet: the swap follows the base subgraph's, as a url swap without SDL does.
      sdl: fs.sdl,
      mocks: null,
      pluginName: null,
      pluginVersion: null,
      actor: ctx.actor,
      now: ctx.now,
    });
  }

  private async recompose(ctx: FlagComposeContext, flagIds: string[]): Promise<FlagFailure[]> {
    if (flagIds.length === 0) return [];
    await recomposeFlags(ctx, { flagIds, force: true });
    const repo = new FlagRepository(ctx.r.db);
    const graphs = new Map((await ctx.r.graphs.listInNamespace(ctx.namespace.id)).map((g) => [g.id, g.name]));
    const flags = new Map((await repo.listInNamespace(ctx.namespace.id)).map((f) => [f.id, f.name]));
    return (await repo.latestCompositions(flagIds))
      .filter((c) => c.status === 'failed')
      .flatMap((c) =>
        c.errors.map((e) => ({ graph: graphs.get(c.graphId) ?? '', flag: flags.get(c.featureFlagId) ?? '', message: e.message })),
      );
  }

  private audit(ctx: FlagComposeContext, action: string, name: string, details: Record<string, unknown>) {
    return ctx.r.audit.record({
      organizationId: ctx.namespace.organizationId,
      actor: ctx.actor,
      action,
      resourceType: action.startsWith('feature_flag') ? 'feature_flag' : 'subgraph',
      resourceName: name,
      namespace: ctx.namespace.name,
      details,
      now: ctx.now,
    });
  }

  private tx<T>(
    org: OrgContext,
    namespace: string,
    actor: Actor,
    trigger: string,
    work: (ctx: FlagComposeContext, fs: CosmoFeatureSubgraphRepository) => Promise<T>,
  ): Promise<T> {
    return inNamespaceTransaction(this.deps, org, namespace, (r, ns) =>
      work({ r, namespace: ns, actor, trigger, now: this.deps.now() }, new CosmoFeatureSubgraphRepository(r.db)),
    );
  }
}

function checkLabels(labels: string[]): void {
  for (const l of labels) {
    const problem = labelProblem(l);
    if (problem) throw badRequest(problem);
  }
}
