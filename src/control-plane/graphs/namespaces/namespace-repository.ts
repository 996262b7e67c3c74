import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { namespaces } from '../../db/schema.ts';

export type NamespaceRow = typeof namespaces.$inferSelect;

export class NamespaceRepository {
  constructor(private readonly db: Database) {}

  async list(organizationId: string) {
    return this.db
      .select({
        namespace: namespaces,
        // Qualified by hand: drizzle renders columns unqualified here, and inside the subquery a bare
        // "id" is the graph's own id, so the count was always 0.
        graphCount: sql<number>`(SELECT count(*)::int FROM federated_graphs g WHERE g.namespace_id = namespaces.id)`,
        subgraphCount: sql<number>`(SELECT count(*)::int FROM subgraphs s WHERE s.namespace_id = namespaces.id)`,
      })
      .from(namespaces)
      .where(eq(namespaces.organizationId, organizationId))
      .orderBy(asc(namespaces.name));
  }

  async find(organizationId: string, name: string): Promise<NamespaceRow | undefined> {
    const [row] = await this.db
      .select()
      .from(namespaces)
      .where(and(eq(namespaces.organizationId, organizationId), eq(namespaces.name, name)))
      .limit(1);
    return row;
  }

  /**
   * Takes the namespace's row lock for the rest of the transaction. Every write in a
   * namespace does this first, so two publishes to subgraphs of one graph compose one
   * after the other and the later composition always sees both schemas.
   */
  async lock(organizationId: string, name: string): Promise<NamespaceRow | undefined> {
    const [row] = await this.db
      .select()
      .from(namespaces)
      .where(and(eq(namespaces.organizationId, organizationId), eq(namespaces.name, name)))
      .for('update')
      .limit(1);
    return row;
  }

  async create(organizationId: string, name: string): Promise<NamespaceRow | undefined> {
    const [row] = await this.db
      .insert(namespaces)
      .values({ organizationId, name })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(namespaces).where(eq(namespaces.id, id));
  }
}
