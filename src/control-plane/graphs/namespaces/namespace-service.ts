import type { OrgContext } from '../../auth/principal.ts';
import { conflict } from '../../http/errors.ts';
import type { Namespace } from '../../../shared/api/graphs.ts';
import { DEFAULT_NAMESPACE } from '../../../shared/api/graphs.ts';
import type { Actor } from '../actor.ts';
import { graphRepos, inNamespaceTransaction, type RegistryDeps } from '../registry-context.ts';
import { publishConfigChange } from '../router-config/config-notifier.ts';
import { PluginRepository } from '../../plugins/plugin-repository.ts';

export class NamespaceService {
  constructor(private readonly deps: RegistryDeps) {}

  async list(org: OrgContext): Promise<Namespace[]> {
    const rows = await graphRepos(this.deps.db).namespaces.list(org.id);
    return rows.map((r) => ({
      id: r.namespace.id,
      name: r.namespace.name,
      createdAt: r.namespace.createdAt.toISOString(),
      graphCount: Number(r.graphCount),
      subgraphCount: Number(r.subgraphCount),
    }));
  }

  async create(org: OrgContext, actor: Actor, name: string): Promise<Namespace> {
    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      const r = graphRepos(tx);
      const row = await r.namespaces.create(org.id, name);
      if (!row) throw conflict(`Namespace "${name}" already exists`);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'namespace.created',
        resourceType: 'namespace',
        resourceName: name,
        namespace: name,
        now,
      });
      return {
        id: row.id,
        name: row.name,
        createdAt: row.createdAt.toISOString(),
        graphCount: 0,
        subgraphCount: 0,
      };
    });
  }

  /** Deletes a namespace with every graph and subgraph in it; routers of its graphs lose their tokens. */
  async delete(org: OrgContext, actor: Actor, name: string): Promise<void> {
    if (name === DEFAULT_NAMESPACE) throw conflict('The default namespace cannot be deleted');
    const now = this.deps.now();
    const archives = await inNamespaceTransaction(this.deps, org, name, async (r, ns) => {
      const archives = await new PluginRepository(r.db).archivesInNamespace(ns.id);
      const graphs = await r.graphs.listInNamespace(ns.id);
      const subgraphs = await r.subgraphs.listInNamespace(ns.id);
      for (const g of graphs) await publishConfigChange(r.db, { kind: 'graph_deleted', graphId: g.id });
      await r.namespaces.delete(ns.id);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'namespace.deleted',
        resourceType: 'namespace',
        resourceName: name,
        namespace: name,
        details: { graphs: graphs.map((g) => g.name), subgraphs: subgraphs.map((s) => s.name) },
        now,
      });
      return archives;
    });
    // After the commit: the builds are gone, so archives no other namespace uses can go too.
    await this.deps.onNamespaceDeleted?.(archives);
  }
}
