import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { federatedGraphs, namespaces, routerTokens } from '../../db/schema.ts';

export type RouterTokenRow = typeof routerTokens.$inferSelect;

export class RouterTokenRepository {
  constructor(private readonly db: Database) {}

  async create(input: {
    organizationId: string;
    graphId: string;
    name: string;
    prefix: string;
    tokenHash: string;
    createdBy: string | null;
    createdByLabel: string;
    now: Date;
  }): Promise<RouterTokenRow> {
    const { now, ...values } = input;
    const [row] = await this.db
      .insert(routerTokens)
      .values({ ...values, createdAt: now })
      .returning();
    return row!;
  }

  async list(graphId: string): Promise<RouterTokenRow[]> {
    return this.db
      .select()
      .from(routerTokens)
      .where(eq(routerTokens.graphId, graphId))
      .orderBy(desc(routerTokens.createdAt));
  }

  async find(graphId: string, id: string): Promise<RouterTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(routerTokens)
      .where(and(eq(routerTokens.graphId, graphId), eq(routerTokens.id, id)))
      .limit(1);
    return row;
  }

  async findByHash(tokenHash: string): Promise<RouterTokenRow | undefined> {
    const [row] = await this.db
      .select()
      .from(routerTokens)
      .where(eq(routerTokens.tokenHash, tokenHash))
      .limit(1);
    return row;
  }

  async revoke(id: string, now: Date): Promise<RouterTokenRow | undefined> {
    const [row] = await this.db
      .update(routerTokens)
      .set({ revokedAt: now })
      .where(and(eq(routerTokens.id, id), isNull(routerTokens.revokedAt)))
      .returning();
    return row;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db.update(routerTokens).set({ lastUsedAt: now }).where(eq(routerTokens.id, id));
  }

  async graphOf(graphId: string): Promise<{ id: string; name: string; namespace: string } | undefined> {
    const [row] = await this.db
      .select({ id: federatedGraphs.id, name: federatedGraphs.name, namespace: namespaces.name })
      .from(federatedGraphs)
      .innerJoin(namespaces, eq(namespaces.id, federatedGraphs.namespaceId))
      .where(eq(federatedGraphs.id, graphId))
      .limit(1);
    return row;
  }
}
