import type { z } from 'zod';
import type { OrgContext } from '../../auth/principal.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import {
  routingUrlProblem,
  type createSubgraphRequestSchema,
  type updateSubgraphRequestSchema,
  type Subgraph,
} from '../../../shared/api/graphs.ts';
import type { SubgraphKind } from '../../../shared/router-config.ts';
import type { Actor } from '../actor.ts';
import {
  findSubgraph,
  inNamespaceTransaction,
  readInNamespace,
  readSubgraph,
  type GraphRepos,
  type RegistryDeps,
} from '../registry-context.ts';
import type { NamespaceRow } from '../namespaces/namespace-repository.ts';
import type { SubgraphRow } from './subgraph-repository.ts';
import type { GraphRow } from '../federated-graphs/graph-repository.ts';
import { membersOf, recomposeGraphs } from '../compositions/composer.ts';
import { subgraphViews } from '../views.ts';
import { assertPinnedBuildExists, nextPluginPin } from './plugin-pin.ts';

type CreateSubgraph = z.output<typeof createSubgraphRequestSchema>;
type UpdateSubgraph = z.output<typeof updateSubgraphRequestSchema>;

export class SubgraphService {
  constructor(private readonly deps: RegistryDeps) {}

  async list(org: OrgContext, namespace: string): Promise<Subgraph[]> {
    const { r, ns } = await readInNamespace(this.deps, org, namespace);
    return subgraphViews(r, ns, await r.subgraphs.listInNamespace(ns.id));
  }

  async get(org: OrgContext, namespace: string, name: string): Promise<Subgraph> {
    const { r, ns, subgraph } = await readSubgraph(this.deps, org, namespace, name);
    return view(r, ns, subgraph);
  }

  async create(org: OrgContext, actor: Actor, namespace: string, input: CreateSubgraph) {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const subgraph = await createSubgraph(r, ns, org, actor, input, now);
      // Without a schema it joins no composition yet, so nothing to recompose.
      return { subgraph: await view(r, ns, subgraph), compositions: [] };
    });
  }

  async update(org: OrgContext, actor: Actor, namespace: string, name: string, input: UpdateSubgraph) {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const before = await findSubgraph(r, ns, name);
      const { subgraph, changed } = await applySubgraphChanges(r, ns, org, actor, before, input, now);
      const compositions = changed.length
        ? await recomposeGraphs(
            { r, namespace: ns, actor, trigger: `subgraph ${name} changed (${changed.join(', ')})`, now },
            await affectedGraphs(r, ns, [before, subgraph]),
          )
        : [];
      return { subgraph: await view(r, ns, subgraph), compositions };
    });
  }

  async delete(org: OrgContext, actor: Actor, namespace: string, name: string) {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const subgraph = await findSubgraph(r, ns, name);
      const graphs = await affectedGraphs(r, ns, [subgraph]);
      await r.subgraphs.delete(subgraph.id);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'subgraph.deleted',
        resourceType: 'subgraph',
        resourceName: name,
        namespace,
        details: { graphs: graphs.map((g) => g.name) },
        now,
      });
      const compositions = await recomposeGraphs(
        { r, namespace: ns, actor, trigger: `subgraph ${name} deleted`, now },
        graphs,
      );
      return { deleted: name, compositions };
    });
  }
}

export async function view(r: GraphRepos, ns: NamespaceRow, s: SubgraphRow): Promise<Subgraph> {
  const [v] = await subgraphViews(r, ns, [s]);
  return v!;
}

/** Graphs that hold any of these subgraph states: before and after a change, both matter. */
export async function affectedGraphs(
  r: GraphRepos,
  ns: NamespaceRow,
  states: SubgraphRow[],
): Promise<GraphRow[]> {
  const graphs = await r.graphs.listInNamespace(ns.id);
  return graphs.filter((g) => membersOf(g, states).length > 0);
}

export async function createSubgraph(
  r: GraphRepos,
  ns: NamespaceRow,
  org: Pick<OrgContext, 'id'>,
  actor: Actor,
  input: {
    name: string;
    type: SubgraphKind;
    routingUrl?: string | null | undefined;
    labels: string[];
    pluginName?: string | null | undefined;
    pluginVersion?: string | null | undefined;
  },
  now: Date,
): Promise<SubgraphRow> {
  const routingUrl = input.routingUrl ?? null;
  const problem = routingUrlProblem(input.type, routingUrl);
  if (problem) throw badRequest(problem);
  const pin = nextPluginPin(input.type, { pluginName: null, pluginVersion: null }, input);
  await assertPinnedBuildExists(r, ns, input.name, pin);
  const subgraph = await r.subgraphs.create({
    ...pin,
    organizationId: org.id,
    namespaceId: ns.id,
    name: input.name,
    type: input.type,
    routingUrl,
    labels: input.labels,
    createdBy: actor.userId,
    now,
  });
  if (!subgraph) throw conflict(`Subgraph "${input.name}" already exists in namespace "${ns.name}"`);
  await r.audit.record({
    organizationId: org.id,
    actor,
    action: 'subgraph.created',
    resourceType: 'subgraph',
    resourceName: subgraph.name,
    namespace: ns.name,
    details: { type: subgraph.type, routingUrl: subgraph.routingUrl, labels: subgraph.labels, ...pin },
    now,
  });
  return subgraph;
}

/** Applies type, routing URL, label and plugin pin changes; returns what actually changed, in words. */
export async function applySubgraphChanges(
  r: GraphRepos,
  ns: NamespaceRow,
  org: Pick<OrgContext, 'id'>,
  actor: Actor,
  before: SubgraphRow,
  input: {
    type?: SubgraphKind | undefined;
    routingUrl?: string | null | undefined;
    labels?: string[] | undefined;
    pluginName?: string | null | undefined;
    pluginVersion?: string | null | undefined;
  },
  now: Date,
): Promise<{ subgraph: SubgraphRow; changed: string[] }> {
  const type = input.type ?? before.type;
  const next = {
    type,
    routingUrl: input.routingUrl !== undefined ? input.routingUrl : before.routingUrl,
    labels: input.labels ?? before.labels,
    ...nextPluginPin(type, before, input),
  };
  const problem = routingUrlProblem(next.type, next.routingUrl);
  if (problem) throw badRequest(problem);
  const changed: string[] = [];
  if (next.type !== before.type) changed.push('type');
  if (next.routingUrl !== before.routingUrl) changed.push('routing URL');
  if (JSON.stringify(next.labels) !== JSON.stringify(before.labels)) changed.push('labels');
  if (next.pluginName !== before.pluginName) changed.push('plugin');
  if (next.pluginVersion !== before.pluginVersion) changed.push('plugin version');
  if (changed.includes('plugin') || changed.includes('plugin version')) await assertPinnedBuildExists(r, ns, before.name, next);
  if (changed.length === 0) return { subgraph: before, changed };
  const subgraph = await r.subgraphs.update(before.id, next, now);
  await r.audit.record({
    organizationId: org.id,
    actor,
    action: 'subgraph.updated',
    resourceType: 'subgraph',
    resourceName: before.name,
    namespace: ns.name,
    details: {
      before: { type: before.type, routingUrl: before.routingUrl, labels: before.labels, pluginName: before.pluginName, pluginVersion: before.pluginVersion },
      after: { type: subgraph.type, routingUrl: subgraph.routingUrl, labels: subgraph.labels, pluginName: subgraph.pluginName, pluginVersion: subgraph.pluginVersion },
    },
    now,
  });
  return { subgraph, changed };
}
