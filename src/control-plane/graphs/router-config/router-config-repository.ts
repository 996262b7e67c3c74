import { desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { routerConfigs } from '../../db/schema.ts';

export type RouterConfigRow = typeof routerConfigs.$inferSelect;

export class RouterConfigRepository {
  constructor(private readonly db: Database) {}

  async latest(graphId: string): Promise<RouterConfigRow | undefined> {
    const [row] = await this.db
      .select()
      .from(routerConfigs)
      .where(eq(routerConfigs.graphId, graphId))
      .orderBy(desc(routerConfigs.id))
      .limit(1);
    return row;
  }

  async latestHash(
    graphId: string,
  ): Promise<{ hash: string; createdAt: Date; compositionId: string | null } | undefined> {
    const [row] = await this.db
      .select({
        hash: routerConfigs.hash,
        createdAt: routerConfigs.createdAt,
        compositionId: routerConfigs.compositionId,
      })
      .from(routerConfigs)
      .where(eq(routerConfigs.graphId, graphId))
      .orderBy(desc(routerConfigs.id))
      .limit(1);
    return row;
  }

  async latestHashes(graphIds: string[]) {
    if (graphIds.length === 0)
      return new Map<string, { hash: string; createdAt: Date; compositionId: string | null }>();
    const rows = await this.db
      .selectDistinctOn([routerConfigs.graphId], {
        graphId: routerConfigs.graphId,
        hash: routerConfigs.hash,
        createdAt: routerConfigs.createdAt,
        compositionId: routerConfigs.compositionId,
      })
      .from(routerConfigs)
      .where(inArray(routerConfigs.graphId, graphIds))
      .orderBy(routerConfigs.graphId, desc(routerConfigs.id));
    return new Map(rows.map((r) => [r.graphId, r]));
  }

  async byHash(hash: string): Promise<RouterConfigRow | undefined> {
    const [row] = await this.db.select().from(routerConfigs).where(eq(routerConfigs.hash, hash)).limit(1);
    return row;
  }

  async insert(input: {
    graphId: string;
    compositionId: string | null;
    hash: string;
    config: string;
    now: Date;
  }): Promise<void> {
    const { now, ...values } = input;
    await this.db.insert(routerConfigs).values({ ...values, createdAt: now });
  }
}
