import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { playgroundCollections, playgroundOperations, playgroundSettings } from '../db/schema.ts';

export type SettingsRow = typeof playgroundSettings.$inferSelect;
export type CollectionRow = typeof playgroundCollections.$inferSelect;
export type OperationRow = typeof playgroundOperations.$inferSelect;

/** SQL for a graph's shared playground: settings, collections and saved operations. */
export class PlaygroundRepository {
  constructor(private readonly db: Database) {}

  async settings(graphId: string): Promise<SettingsRow | undefined> {
    const [row] = await this.db.select().from(playgroundSettings).where(eq(playgroundSettings.graphId, graphId)).limit(1);
    return row;
  }

  async saveEnvironment(graphId: string, environment: Record<string, string>, by: string, now: Date): Promise<void> {
    const set = { environment, environmentUpdatedBy: by, environmentUpdatedAt: now };
    await this.db
      .insert(playgroundSettings)
      .values({ graphId, preflightScript: '', ...set })
      .onConflictDoUpdate({ target: playgroundSettings.graphId, set });
  }

  async savePreflight(graphId: string, script: string, by: string, now: Date): Promise<void> {
    const set = { preflightScript: script, preflightUpdatedBy: by, preflightUpdatedAt: now };
    await this.db
      .insert(playgroundSettings)
      .values({ graphId, environment: {}, ...set })
      .onConflictDoUpdate({ target: playgroundSettings.graphId, set });
  }

  collections(graphId: string): Promise<CollectionRow[]> {
    return this.db
      .select()
      .from(playgroundCollections)
      .where(eq(playgroundCollections.graphId, graphId))
      .orderBy(asc(playgroundCollections.name));
  }

  async collection(graphId: string, id: string): Promise<CollectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(playgroundCollections)
      .where(and(eq(playgroundCollections.graphId, graphId), eq(playgroundCollections.id, id)))
      .limit(1);
    return row;
  }

  async collectionNamed(graphId: string, name: string): Promise<CollectionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(playgroundCollections)
      .where(and(eq(playgroundCollections.graphId, graphId), eq(playgroundCollections.name, name)))
      .limit(1);
    return row;
  }

  /** undefined when the graph already has a collection of that name. */
  async createCollection(graphId: string, name: string, by: string, now: Date): Promise<CollectionRow | undefined> {
    const [row] = await this.db
      .insert(playgroundCollections)
      .values({ graphId, name, createdBy: by, createdAt: now })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async renameCollection(id: string, name: string): Promise<void> {
    await this.db.update(playgroundCollections).set({ name }).where(eq(playgroundCollections.id, id));
  }

  async deleteCollection(id: string): Promise<void> {
    await this.db.delete(playgroundCollections).where(eq(playgroundCollections.id, id));
  }

  operationsIn(collectionIds: string[]): Promise<OperationRow[]> {
    if (collectionIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(playgroundOperations)
      .where(inArray(playgroundOperations.collectionId, collectionIds))
      .orderBy(asc(playgroundOperations.name), asc(playgroundOperations.createdAt));
  }

  /** An operation, only if it belongs to one of the graph's collections. */
  async operation(graphId: string, id: string): Promise<OperationRow | undefined> {
    const [row] = await this.db
      .select({ op: playgroundOperations })
      .from(playgroundOperations)
      .innerJoin(playgroundCollections, eq(playgroundCollections.id, playgroundOperations.collectionId))
      .where(and(eq(playgroundCollections.graphId, graphId), eq(playgroundOperations.id, id)))
      .limit(1);
    return row?.op;
  }

  async createOperation(values: Omit<OperationRow, 'id' | 'createdAt' | 'updatedAt'>, now: Date): Promise<OperationRow> {
    const [row] = await this.db
      .insert(playgroundOperations)
      .values({ ...values, createdAt: now, updatedAt: now })
      .returning();
    return row!;
  }

  async updateOperation(
    id: string,
    changes: Partial<Pick<OperationRow, 'name' | 'collectionId' | 'query' | 'variables' | 'headers' | 'flag'>>,
    by: string,
    now: Date,
  ): Promise<OperationRow> {
    const [row] = await this.db
      .update(playgroundOperations)
      .set({ ...changes, updatedBy: by, updatedAt: now })
      .where(eq(playgroundOperations.id, id))
      .returning();
    return row!;
  }

  async deleteOperation(id: string): Promise<void> {
    await this.db.delete(playgroundOperations).where(eq(playgroundOperations.id, id));
  }
}
