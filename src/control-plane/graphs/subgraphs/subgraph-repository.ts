import { eq } from 'drizzle-orm';
import { findInNamespace, listInNamespace } from '../../db/namespaced.ts';
import type { Database } from '../../db/client.ts';
import { subgraphs } from '../../db/schema.ts';
import type { SubgraphKind } from '../../../shared/router-config.ts';

export type SubgraphRow = typeof subgraphs.$inferSelect;

export class SubgraphRepository {
  constructor(private readonly db: Database) {}

  listInNamespace(namespaceId: string): Promise<SubgraphRow[]> {
    return listInNamespace(this.db, subgraphs, namespaceId);
  }

  find(namespaceId: string, name: string): Promise<SubgraphRow | undefined> {
    return findInNamespace(this.db, subgraphs, namespaceId, name);
  }

  async create(input: {
    organizationId: string;
    namespaceId: string;
    name: string;
    type: SubgraphKind;
    routingUrl: string | null;
    labels: string[];
    pluginName: string | null;
    pluginVersion: string | null;
    createdBy: string | null;
    now: Date;
  }): Promise<SubgraphRow | undefined> {
    const { now, ...values } = input;
    const [row] = await this.db
      .insert(subgraphs)
      .values({ ...values, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async update(
    id: string,
    changes: {
      type?: SubgraphKind;
      routingUrl?: string | null;
      labels?: string[];
      pluginName?: string | null;
      pluginVersion?: string | null;
    },
    now: Date,
  ): Promise<SubgraphRow> {
    const [row] = await this.db
      .update(subgraphs)
      .set({ ...changes, updatedAt: now })
      .where(eq(subgraphs.id, id))
      .returning();
    return row!;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(subgraphs).where(eq(subgraphs.id, id));
  }
}
