import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { cosmoFeatureSubgraphs, cosmoFlagFeatureSubgraphs, featureFlags } from '../db/schema.ts';
import { findInNamespace, listInNamespace } from '../db/namespaced.ts';

export type CosmoFeatureSubgraphRow = typeof cosmoFeatureSubgraphs.$inferSelect;

/** SQL for Cosmo feature subgraphs and the flags that name them. */
export class CosmoFeatureSubgraphRepository {
  constructor(private readonly db: Database) {}

  list(namespaceId: string): Promise<CosmoFeatureSubgraphRow[]> {
    return listInNamespace(this.db, cosmoFeatureSubgraphs, namespaceId);
  }

  find(namespaceId: string, name: string): Promise<CosmoFeatureSubgraphRow | undefined> {
    return findInNamespace(this.db, cosmoFeatureSubgraphs, namespaceId, name);
  }

  async create(input: {
    namespaceId: string;
    name: string;
    baseSubgraphName: string;
    routingUrl: string;
    createdByLabel: string;
    now: Date;
  }): Promise<CosmoFeatureSubgraphRow | undefined> {
    const { now, ...values } = input;
    const [row] = await this.db
      .insert(cosmoFeatureSubgraphs)
      .values({ ...values, createdAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  async setSdl(id: string, sdl: string, now: Date): Promise<void> {
    await this.db.update(cosmoFeatureSubgraphs).set({ sdl, updatedAt: now }).where(eq(cosmoFeatureSubgraphs.id, id));
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(cosmoFeatureSubgraphs).where(eq(cosmoFeatureSubgraphs.id, id));
  }

  /** Replaces the feature subgraphs a flag names. */
  async link(flagId: string, featureSubgraphIds: string[]): Promise<void> {
    await this.db.delete(cosmoFlagFeatureSubgraphs).where(eq(cosmoFlagFeatureSubgraphs.featureFlagId, flagId));
    if (featureSubgraphIds.length === 0) return;
    await this.db
      .insert(cosmoFlagFeatureSubgraphs)
      .values(featureSubgraphIds.map((featureSubgraphId) => ({ featureFlagId: flagId, featureSubgraphId })));
  }

  /** The flags that name this feature subgraph. */
  async flagsOf(featureSubgraphId: string): Promise<{ id: string; name: string; version: number }[]> {
    return this.db
      .select({ id: featureFlags.id, name: featureFlags.name, version: featureFlags.version })
      .from(cosmoFlagFeatureSubgraphs)
      .innerJoin(featureFlags, eq(featureFlags.id, cosmoFlagFeatureSubgraphs.featureFlagId))
      .where(eq(cosmoFlagFeatureSubgraphs.featureSubgraphId, featureSubgraphId));
  }

  /** The feature subgraphs named by each of these flags. */
  async ofFlags(flagIds: string[]): Promise<Map<string, CosmoFeatureSubgraphRow[]>> {
    const out = new Map<string, CosmoFeatureSubgraphRow[]>();
    if (flagIds.length === 0) return out;
    const rows = await this.db
      .select({ flagId: cosmoFlagFeatureSubgraphs.featureFlagId, fs: cosmoFeatureSubgraphs })
      .from(cosmoFlagFeatureSubgraphs)
      .innerJoin(cosmoFeatureSubgraphs, eq(cosmoFeatureSubgraphs.id, cosmoFlagFeatureSubgraphs.featureSubgraphId))
      .where(inArray(cosmoFlagFeatureSubgraphs.featureFlagId, flagIds));
    for (const { flagId, fs } of rows) out.set(flagId, [...(out.get(flagId) ?? []), fs]);
    return out;
  }

  async setFlagLabels(flagId: string, labels: string[]): Promise<void> {
    await this.db.update(featureFlags).set({ labels }).where(eq(featureFlags.id, flagId));
  }
}
