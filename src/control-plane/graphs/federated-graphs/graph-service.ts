import type { z } from 'zod';
import type { OrgContext } from '../../auth/principal.ts';
import { conflict, notFound } from '../../http/errors.ts';
import type {
  createGraphRequestSchema,
  updateGraphRequestSchema,
  CompositionOutcome,
  Graph,
  GraphDetail,
} from '../../../shared/api/graphs.ts';
import type {
  CompositionDetail,
  Composition,
  GraphSchemaResponse,
} from '../../../shared/api/schema-registry.ts';
import type { Actor } from '../actor.ts';
import {
  findGraph,
  inNamespaceTransaction,
  readGraph,
  readInNamespace,
  type GraphRepos,
  type RegistryDeps,
} from '../registry-context.ts';
import type { NamespaceRow } from '../namespaces/namespace-repository.ts';
import type { GraphRow } from './graph-repository.ts';
import { membersOf, recomposeGraphs } from '../compositions/composer.ts';
import { graphViews, subgraphViews, toComposition } from '../views.ts';
import { publishConfigChange } from '../router-config/config-notifier.ts';

type CreateGraph = z.output<typeof createGraphRequestSchema>;
type UpdateGraph = z.output<typeof updateGraphRequestSchema>;

export class GraphService {
  constructor(private readonly deps: RegistryDeps) {}

  async list(org: OrgContext, namespace: string): Promise<Graph[]> {
    const { r, ns } = await readInNamespace(this.deps, org, namespace);
    return graphViews(r, ns, await r.graphs.listInNamespace(ns.id));
  }

  async get(org: OrgContext, namespace: string, name: string): Promise<GraphDetail> {
    const { r, ns, graph } = await readGraph(this.deps, org, namespace, name);
    return this.detail(r, ns, graph);
  }

  async create(org: OrgContext, actor: Actor, namespace: string, input: CreateGraph) {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const graph = await r.graphs.create({
        organizationId: org.id,
        namespaceId: ns.id,
        name: input.name,
        routingUrl: input.routingUrl,
        labelMatchers: input.labelMatchers,
        createdBy: actor.userId,
        now,
      });
      if (!graph) throw conflict(`Graph "${input.name}" already exists in namespace "${namespace}"`);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'graph.created',
        resourceType: 'graph',
        resourceName: graph.name,
        namespace,
        details: { routingUrl: graph.routingUrl, labelMatchers: graph.labelMatchers },
        now,
      });
      const compositions = await recomposeGraphs(
        { r, namespace: ns, actor, trigger: `graph ${graph.name} created`, now },
        [graph],
      );
      return { graph: await this.detail(r, ns, graph), compositions };
    });
  }

  async update(org: OrgContext, actor: Actor, namespace: string, name: string, input: UpdateGraph) {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const before = await findGraph(r, ns, name);
      const graph = await r.graphs.update(before.id, input, now);
      const changed: string[] = [];
      if (input.routingUrl !== undefined && input.routingUrl !== before.routingUrl)
        changed.push('routing URL');
      if (
        input.labelMatchers !== undefined &&
        JSON.stringify(input.labelMatchers) !== JSON.stringify(before.labelMatchers)
      ) {
        changed.push('label matchers');
      }
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'graph.updated',
        resourceType: 'graph',
        resourceName: name,
        namespace,
        details: {
          before: { routingUrl: before.routingUrl, labelMatchers: before.labelMatchers },
          after: { routingUrl: graph.routingUrl, labelMatchers: graph.labelMatchers },
        },
        now,
      });
      // The graph's own routing URL is not in its router config; only matchers change composition.
      let compositions: CompositionOutcome[] = [];
      if (changed.includes('label matchers')) {
        compositions = await recomposeGraphs(
          { r, namespace: ns, actor, trigger: `label matchers of graph ${name} changed`, now },
          [graph],
        );
      }
      return { graph: await this.detail(r, ns, graph), compositions };
    });
  }

  async delete(org: OrgContext, actor: Actor, namespace: string, name: string): Promise<void> {
    const now = this.deps.now();
    await inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const graph = await findGraph(r, ns, name);
      await publishConfigChange(r.db, { kind: 'graph_deleted', graphId: graph.id });
      await r.graphs.delete(graph.id);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'graph.deleted',
        resourceType: 'graph',
        resourceName: name,
        namespace,
        now,
      });
    });
  }

  async listCompositions(
    org: OrgContext,
    namespace: string,
    name: string,
    limit: number,
    cursor: string | undefined,
  ) {
    const { r, graph } = await readGraph(this.deps, org, namespace, name);
    const served = (await r.routerConfigs.latestHash(graph.id))?.compositionId ?? null;
    const rows = await r.compositions.list(
      graph.id,
      limit + 1,
      cursor === undefined ? undefined : Number(cursor),
    );
    const page = rows.slice(0, limit);
    return {
      compositions: page.map((c): Composition => toComposition(c, name, served)),
      nextCursor: rows.length > limit ? String(page[page.length - 1]!.seq) : null,
    };
  }

  async getComposition(
    org: OrgContext,
    namespace: string,
    name: string,
    id: string,
  ): Promise<CompositionDetail> {
    const { r, graph } = await readGraph(this.deps, org, namespace, name);
    const c = await r.compositions.get(graph.id, id);
    if (!c) throw notFound(`Composition ${id} not found for graph "${name}"`);
    const served = (await r.routerConfigs.latestHash(graph.id))?.compositionId ?? null;
    return {
      ...toComposition(c, name, served),
      supergraphSdl: c.supergraphSdl,
      clientSchema: c.clientSchema,
    };
  }

  /** The schema routers serve: from the composition of the current router config. */
  async schema(org: OrgContext, namespace: string, name: string): Promise<GraphSchemaResponse> {
    const { r, graph } = await readGraph(this.deps, org, namespace, name);
    const good = await r.compositions.latestGood(graph.id);
    if (!good || good.supergraphSdl === null || good.clientSchema === null) {
      throw notFound(`Graph "${name}" has not composed successfully yet`);
    }
    return {
      compositionId: good.id,
      composedAt: good.createdAt.toISOString(),
      supergraphSdl: good.supergraphSdl,
      clientSchema: good.clientSchema,
    };
  }

  private async detail(r: GraphRepos, ns: NamespaceRow, graph: GraphRow): Promise<GraphDetail> {
    const [view] = await graphViews(r, ns, [graph]);
    const members = membersOf(graph, await r.subgraphs.listInNamespace(ns.id));
    return { ...view!, subgraphs: await subgraphViews(r, ns, members) };
  }
}

