import { eq } from 'drizzle-orm';
import { findInNamespace, listInNamespace } from '../../db/namespaced.ts';
import { defaultHeaderRules, type HeaderRules } from '../../../shared/header-rules.ts';
import type { Database } from '../../db/client.ts';
import { federatedGraphs } from '../../db/schema.ts';

export type GraphRow = typeof federatedGraphs.$inferSelect;

export class GraphRepository {
  constructor(private readonly db: Database) {}

  listInNamespace(namespaceId: string): Promise<GraphRow[]> {
    return listInNamespace(this.db, federatedGraphs, namespaceId);
  }

  find(namespaceId: string, name: string): Promise<GraphRow | undefined> {
    return findInNamespace(this.db, federatedGraphs, namespaceId, name);
  }

  async create(input: {
    organizationId: string;
    namespaceId: string;
    name: string;
    routingUrl: string;
    labelMatchers: string[];
    createdBy: string | null;
    now: Date;
  }): Promise<GraphRow | undefined> {
    const { now, ...values } = input;
    const [row] = await this.db
      .insert(federatedGraphs)
      .values({ ...values, headerRules: defaultHeaderRules(), createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async update(
    id: string,
    changes: { routingUrl?: string; labelMatchers?: string[]; headerRules?: HeaderRules },
    now: Date,
  ): Promise<GraphRow> {
    const [row] = await this.db
      .update(federatedGraphs)
      .set({ ...changes, updatedAt: now })
      .where(eq(federatedGraphs.id, id))
      .returning();
    return row!;
  }

  async headerRules(id: string): Promise<HeaderRules | undefined> {
    const [row] = await this.db
      .select({ headerRules: federatedGraphs.headerRules })
      .from(federatedGraphs)
      .where(eq(federatedGraphs.id, id));
    return row?.headerRules;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(federatedGraphs).where(eq(federatedGraphs.id, id));
  }
}
