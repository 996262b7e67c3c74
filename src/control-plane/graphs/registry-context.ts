import type { Database } from '../db/client.ts';
import type { OrgContext } from '../auth/principal.ts';
import { notFound } from '../http/errors.ts';
import { NamespaceRepository, type NamespaceRow } from './namespaces/namespace-repository.ts';
import { GraphRepository, type GraphRow } from './federated-graphs/graph-repository.ts';
import { SubgraphRepository, type SubgraphRow } from './subgraphs/subgraph-repository.ts';
import { SchemaVersionRepository } from './subgraphs/schema-version-repository.ts';
import { CompositionRepository } from './compositions/composition-repository.ts';
import { RouterConfigRepository } from './router-config/router-config-repository.ts';
import { RouterTokenRepository } from './router-config/router-token-repository.ts';
import { AuditRepository } from './audit/audit-repository.ts';

/** Every repository of the registry, bound to one connection or one transaction. */
export function graphRepos(db: Database) {
  return {
    db,
    namespaces: new NamespaceRepository(db),
    graphs: new GraphRepository(db),
    subgraphs: new SubgraphRepository(db),
    versions: new SchemaVersionRepository(db),
    compositions: new CompositionRepository(db),
    routerConfigs: new RouterConfigRepository(db),
    routerTokens: new RouterTokenRepository(db),
    audit: new AuditRepository(db),
  };
}
export type GraphRepos = ReturnType<typeof graphRepos>;

export interface RegistryDeps {
  db: Database;
  now: () => Date;
  /** Called after a namespace is deleted with the plugin archives its builds used, so storage can let them go. */
  onNamespaceDeleted?: (pluginArchives: string[]) => Promise<void>;
}

/**
 * Runs one request's writes in one transaction holding the namespace's lock: a failure
 * anywhere (validation, composition bookkeeping, the audit entry) leaves nothing behind,
 * and writes to one namespace never interleave.
 */
export function inNamespaceTransaction<T>(
  deps: RegistryDeps,
  org: OrgContext,
  namespace: string,
  work: (r: GraphRepos, ns: NamespaceRow) => Promise<T>,
): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const r = graphRepos(tx);
    const ns = await r.namespaces.lock(org.id, namespace);
    if (!ns) throw namespaceNotFound(namespace);
    return work(r, ns);
  });
}

export async function readNamespace(
  r: GraphRepos,
  org: OrgContext,
  namespace: string,
): Promise<NamespaceRow> {
  const ns = await r.namespaces.find(org.id, namespace);
  if (!ns) throw namespaceNotFound(namespace);
  return ns;
}

/**
 * The read side of inNamespaceTransaction: the repositories on the pool and the namespace,
 * or the 404 every endpoint answers for a namespace that is not there.
 */
export async function readInNamespace(
  deps: Pick<RegistryDeps, 'db'>,
  org: OrgContext,
  namespace: string,
): Promise<{ r: GraphRepos; ns: NamespaceRow }> {
  const r = graphRepos(deps.db);
  return { r, ns: await readNamespace(r, org, namespace) };
}

/** Where a request reads one graph: its namespace, then the graph, each a 404 when missing. */
export async function readGraph(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, name: string) {
  const { r, ns } = await readInNamespace(deps, org, namespace);
  return { r, ns, graph: await findGraph(r, ns, name) };
}

/** The same for one subgraph. */
export async function readSubgraph(deps: Pick<RegistryDeps, 'db'>, org: OrgContext, namespace: string, name: string) {
  const { r, ns } = await readInNamespace(deps, org, namespace);
  return { r, ns, subgraph: await findSubgraph(r, ns, name) };
}

export async function findGraph(r: GraphRepos, ns: NamespaceRow, name: string): Promise<GraphRow> {
  const graph = await r.graphs.find(ns.id, name);
  if (!graph) throw graphNotFound(ns.name, name);
  return graph;
}

export async function findSubgraph(r: GraphRepos, ns: NamespaceRow, name: string): Promise<SubgraphRow> {
  const subgraph = await r.subgraphs.find(ns.id, name);
  if (!subgraph) throw subgraphNotFound(ns.name, name);
  return subgraph;
}

export const namespaceNotFound = (name: string) => notFound(`Namespace "${name}" not found`);
export const graphNotFound = (namespace: string, name: string) =>
  notFound(`Graph "${name}" not found in namespace "${namespace}"`);
const subgraphNotFound = (namespace: string, name: string) =>
  notFound(`Subgraph "${name}" not found in namespace "${namespace}"`);
