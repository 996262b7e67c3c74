import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { findInNamespace, listInNamespace } from '../db/namespaced.ts';
import type { Database } from '../db/client.ts';
import { featureFlagCompositions, featureFlags, featureSubgraphs } from '../db/schema.ts';
import type { Actor } from '../graphs/actor.ts';

export type FlagRow = typeof featureFlags.$inferSelect;
export type FeatureSubgraphRow = typeof featureSubgraphs.$inferSelect;
export type FlagCompositionRow = typeof featureFlagCompositions.$inferSelect;
export type FlagCompositionMeta = Omit<FlagCompositionRow, 'supergraphSdl' | 'clientSchema' | 'subgraphs'>;

const compositionMeta = {
  id: featureFlagCompositions.id,
  seq: featureFlagCompositions.seq,
  featureFlagId: featureFlagCompositions.featureFlagId,
  graphId: featureFlagCompositions.graphId,
  status: featureFlagCompositions.status,
  trigger: featureFlagCompositions.trigger,
  triggeredBy: featureFlagCompositions.triggeredBy,
  triggeredByLabel: featureFlagCompositions.triggeredByLabel,
  inputKey: featureFlagCompositions.inputKey,
  errors: featureFlagCompositions.errors,
  createdAt: featureFlagCompositions.createdAt,
};

export class FlagRepository {
  constructor(private readonly db: Database) {}

  listInNamespace(namespaceId: string): Promise<FlagRow[]> {
    return listInNamespace(this.db, featureFlags, namespaceId);
  }

  find(namespaceId: string, name: string): Promise<FlagRow | undefined> {
    return findInNamespace(this.db, featureFlags, namespaceId, name);
  }

  async create(input: {
    organizationId: string;
    namespaceId: string;
    name: string;
    description: string;
    labels: string[];
    actor: Actor;
    now: Date;
  }): Promise<FlagRow | undefined> {
    const { now, actor, ...values } = input;
    const [row] = await this.db
      .insert(featureFlags)
      .values({
        ...values,
        enabled: true,
        version: 1,
        createdBy: actor.userId,
        createdByLabel: actor.label,
        createdAt: now,
        updatedBy: actor.userId,
        updatedByLabel: actor.label,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    return row;
  }

  /** Bumps the version; the caller checked the expected one under the namespace lock. */
  async touch(id: string, changes: { enabled?: boolean; description?: string }, actor: Actor, now: Date): Promise<FlagRow> {
    const [current] = await this.db.select({ version: featureFlags.version }).from(featureFlags).where(eq(featureFlags.id, id));
    const [row] = await this.db
      .update(featureFlags)
      .set({
        ...changes,
        version: current!.version + 1,
        updatedBy: actor.userId,
        updatedByLabel: actor.label,
        updatedAt: now,
      })
      .where(eq(featureFlags.id, id))
      .returning();
    return row!;
  }

  async delete(id: string): Promise<void> {
    await this.db.delete(featureFlags).where(eq(featureFlags.id, id));
  }

  async subgraphsOf(flagIds: string[]): Promise<FeatureSubgraphRow[]> {
    if (flagIds.length === 0) return [];
    return this.db
      .select()
      .from(featureSubgraphs)
      .where(inArray(featureSubgraphs.featureFlagId, flagIds))
      .orderBy(asc(featureSubgraphs.baseSubgraphName));
  }

  async upsertSubgraph(input: {
    featureFlagId: string;
    baseSubgraphName: string;
    kind: FeatureSubgraphRow['kind'];
    routingUrl: string | null;
    sdl: string | null;
    mocks: unknown;
    pluginName: string | null;
    pluginVersion: string | null;
    actor: Actor;
    now: Date;
  }): Promise<void> {
    const { actor, now, ...values } = input;
    await this.removeSubgraph(input.featureFlagId, input.baseSubgraphName);
    await this.db.insert(featureSubgraphs).values({
      ...values,
      mocks: values.mocks ?? null,
      createdBy: actor.userId,
      createdByLabel: actor.label,
      createdAt: now,
    });
  }

  async removeSubgraph(flagId: string, baseSubgraphName: string): Promise<boolean> {
    const rows = await this.db
      .delete(featureSubgraphs)
      .where(and(eq(featureSubgraphs.featureFlagId, flagId), eq(featureSubgraphs.baseSubgraphName, baseSubgraphName)))
      .returning({ id: featureSubgraphs.id });
    return rows.length > 0;
  }

  async insertComposition(input: Omit<FlagCompositionRow, 'id' | 'seq'>): Promise<FlagCompositionMeta> {
    const [row] = await this.db.insert(featureFlagCompositions).values(input).returning(compositionMeta);
    return row!;
  }

  /** The newest composition of each (flag, graph) pair among these flags. */
  async latestCompositions(flagIds: string[]): Promise<FlagCompositionRow[]> {
    if (flagIds.length === 0) return [];
    return this.db
      .selectDistinctOn([featureFlagCompositions.featureFlagId, featureFlagCompositions.graphId])
      .from(featureFlagCompositions)
      .where(inArray(featureFlagCompositions.featureFlagId, flagIds))
      .orderBy(featureFlagCompositions.featureFlagId, featureFlagCompositions.graphId, desc(featureFlagCompositions.seq));
  }

  /** History, newest first; the router-facing parts (SDLs, subgraphs) are left out. */
  async listCompositions(flagId: string, limit: number): Promise<FlagCompositionMeta[]> {
    return this.db
      .select(compositionMeta)
      .from(featureFlagCompositions)
      .where(eq(featureFlagCompositions.featureFlagId, flagId))
      .orderBy(desc(featureFlagCompositions.seq))
      .limit(limit);
  }

  async latestComposition(flagId: string, graphId: string): Promise<FlagCompositionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(featureFlagCompositions)
      .where(and(eq(featureFlagCompositions.featureFlagId, flagId), eq(featureFlagCompositions.graphId, graphId)))
      .orderBy(desc(featureFlagCompositions.seq))
      .limit(1);
    return row;
  }
}
