import type { OrgContext, Principal } from '../auth/principal.ts';
import type { Database } from '../db/client.ts';
import { badRequest, conflict, notFound } from '../http/errors.ts';
import { actorFromPrincipal } from '../graphs/actor.ts';
import { findGraph, graphRepos, readNamespace, type GraphRepos } from '../graphs/registry-context.ts';
import type { GraphRow } from '../graphs/federated-graphs/graph-repository.ts';
import type {
  Collection,
  PlaygroundSettings,
  SavedOperation,
  SaveOperationRequest,
  UpdateOperationRequest,
} from '../../shared/api/playground.ts';
import { PlaygroundRepository, type CollectionRow, type OperationRow } from './playground-repository.ts';

interface Deps {
  db: Database;
  now: () => Date;
}

interface GraphRef {
  namespace: string;
  graph: string;
}

// A shared value is visible to every member, so anything shaped like a credential is
// refused: it belongs in a personal, secret value that never leaves the browser.
const CREDENTIAL_SHAPES: [RegExp, string][] = [
  [/^\s*(Bearer|Basic)\s+\S+/i, 'an Authorization value'],
  [/^eyJ[\w-]+\.[\w-]+\.[\w-]*$/, 'a JWT'],
];

const collectionNotFound = (id: string) => notFound(`Collection ${id} not found in this graph`);
const operationNotFound = (id: string) => notFound(`Saved operation ${id} not found in this graph`);

/** The rules of a graph's shared playground: environment, preflight script and collections. */
export class PlaygroundService {
  constructor(private readonly deps: Deps) {}

  private async graphOf(r: GraphRepos, org: OrgContext, ref: GraphRef): Promise<GraphRow> {
    return findGraph(r, await readNamespace(r, org, ref.namespace), ref.graph);
  }

  /** Reads run outside a transaction; writes run in one so the audit entry and change go together. */
  private read<T>(org: OrgContext, ref: GraphRef, work: (repo: PlaygroundRepository, graph: GraphRow) => Promise<T>) {
    return (async () => {
      const r = graphRepos(this.deps.db);
      return work(new PlaygroundRepository(this.deps.db), await this.graphOf(r, org, ref));
    })();
  }

  private write<T>(
    org: OrgContext,
    ref: GraphRef,
    work: (repo: PlaygroundRepository, graph: GraphRow, r: GraphRepos) => Promise<T>,
  ): Promise<T> {
    return this.deps.db.transaction(async (tx) => {
      const r = graphRepos(tx);
      return work(new PlaygroundRepository(tx), await this.graphOf(r, org, ref), r);
    });
  }

  settings(org: OrgContext, ref: GraphRef): Promise<PlaygroundSettings> {
    return this.read(org, ref, async (repo, graph) => {
      const row = await repo.settings(graph.id);
      return {
        environment: {
          variables: row?.environment ?? {},
          updatedBy: row?.environmentUpdatedBy ?? null,
          updatedAt: row?.environmentUpdatedAt?.toISOString() ?? null,
        },
        preflight: {
          script: row?.preflightScript ?? '',
          updatedBy: row?.preflightUpdatedBy ?? null,
          updatedAt: row?.preflightUpdatedAt?.toISOString() ?? null,
        },
      };
    });
  }

  async updateEnvironment(org: OrgContext, principal: Principal, ref: GraphRef, variables: Record<string, string>) {
    for (const [name, value] of Object.entries(variables)) {
      const shape = CREDENTIAL_SHAPES.find(([re]) => re.test(value));
      if (shape) {
        throw badRequest(
          `The shared value "${name}" looks like ${shape[1]}. Shared values are visible to every member; keep secrets as personal values in your browser.`,
        );
      }
    }
    const actor = actorFromPrincipal(principal);
    const now = this.deps.now();
    await this.write(org, ref, async (repo, graph, r) => {
      await repo.saveEnvironment(graph.id, variables, actor.label, now);
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'graph.playground_environment_updated',
        resourceType: 'graph',
        resourceName: graph.name,
        namespace: ref.namespace,
        details: { variables: Object.keys(variables).sort() },
        now,
      });
    });
    return this.settings(org, ref);
  }

  async updatePreflight(org: OrgContext, principal: Principal, ref: GraphRef, script: string) {
    const actor = actorFromPrincipal(principal);
    const now = this.deps.now();
    await this.write(org, ref, async (repo, graph, r) => {
      await repo.savePreflight(graph.id, script, actor.label, now);
      // The script runs in every member's browser, so who changed it is worth keeping.
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'graph.playground_preflight_updated',
        resourceType: 'graph',
        resourceName: graph.name,
        namespace: ref.namespace,
        details: { length: script.length },
        now,
      });
    });
    return this.settings(org, ref);
  }

  collections(org: OrgContext, ref: GraphRef): Promise<Collection[]> {
    return this.read(org, ref, async (repo, graph) => {
      const cols = await repo.collections(graph.id);
      const ops = await repo.operationsIn(cols.map((c) => c.id));
      return cols.map((c) => toCollection(c, ops.filter((o) => o.collectionId === c.id)));
    });
  }

  createCollection(org: OrgContext, principal: Principal, ref: GraphRef, name: string): Promise<Collection> {
    const by = actorFromPrincipal(principal).label;
    return this.write(org, ref, async (repo, graph) => {
      const row = await repo.createCollection(graph.id, name, by, this.deps.now());
      if (!row) throw conflict(`This graph already has a collection named "${name}"`);
      return toCollection(row, []);
    });
  }

  renameCollection(org: OrgContext, ref: GraphRef, id: string, name: string): Promise<Collection> {
    return this.write(org, ref, async (repo, graph) => {
      const row = await repo.collection(graph.id, id);
      if (!row) throw collectionNotFound(id);
      const clash = await repo.collectionNamed(graph.id, name);
      if (clash && clash.id !== id) throw conflict(`This graph already has a collection named "${name}"`);
      await repo.renameCollection(id, name);
      return toCollection({ ...row, name }, await repo.operationsIn([id]));
    });
  }

  deleteCollection(org: OrgContext, ref: GraphRef, id: string): Promise<void> {
    return this.write(org, ref, async (repo, graph) => {
      if (!(await repo.collection(graph.id, id))) throw collectionNotFound(id);
      await repo.deleteCollection(id);
    });
  }

  saveOperation(org: OrgContext, principal: Principal, ref: GraphRef, collectionId: string, body: SaveOperationRequest): Promise<SavedOperation> {
    const by = actorFromPrincipal(principal).label;
    return this.write(org, ref, async (repo, graph) => {
      if (!(await repo.collection(graph.id, collectionId))) throw collectionNotFound(collectionId);
      const row = await repo.createOperation(
        {
          collectionId,
          name: body.name,
          query: body.query,
          variables: body.variables ?? '',
          headers: body.headers ?? '',
          flag: body.flag ?? null,
          createdBy: by,
          updatedBy: by,
        },
        this.deps.now(),
      );
      return toOperation(row);
    });
  }

  operation(org: OrgContext, ref: GraphRef, id: string): Promise<SavedOperation> {
    return this.read(org, ref, async (repo, graph) => {
      const row = await repo.operation(graph.id, id);
      if (!row) throw operationNotFound(id);
      return toOperation(row);
    });
  }

  updateOperation(org: OrgContext, principal: Principal, ref: GraphRef, id: string, body: UpdateOperationRequest): Promise<SavedOperation> {
    const by = actorFromPrincipal(principal).label;
    return this.write(org, ref, async (repo, graph) => {
      if (!(await repo.operation(graph.id, id))) throw operationNotFound(id);
      // A move stays within the graph: a collection of another graph reads as missing.
      if (body.collectionId && !(await repo.collection(graph.id, body.collectionId))) throw collectionNotFound(body.collectionId);
      const changes = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      return toOperation(await repo.updateOperation(id, changes, by, this.deps.now()));
    });
  }

  deleteOperation(org: OrgContext, ref: GraphRef, id: string): Promise<void> {
    return this.write(org, ref, async (repo, graph) => {
      if (!(await repo.operation(graph.id, id))) throw operationNotFound(id);
      await repo.deleteOperation(id);
    });
  }
}

function toCollection(row: CollectionRow, ops: OperationRow[]): Collection {
  return { id: row.id, name: row.name, createdBy: row.createdBy, operations: ops.map(toOperation) };
}

function toOperation(row: OperationRow): SavedOperation {
  return {
    id: row.id,
    collectionId: row.collectionId,
    name: row.name,
    query: row.query,
    variables: row.variables,
    headers: row.headers,
    flag: row.flag,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}
