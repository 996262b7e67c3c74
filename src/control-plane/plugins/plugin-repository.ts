import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { federatedGraphs, namespaces, pluginBuilds, plugins } from '../db/schema.ts';

export type PluginRow = typeof plugins.$inferSelect;
export type PluginBuildRow = typeof pluginBuilds.$inferSelect;
export type NewPluginBuild = typeof pluginBuilds.$inferInsert;

/** Everything but the schema, proto and mapping, which only a build's own page needs. */
const summary = {
  id: pluginBuilds.id,
  pluginId: pluginBuilds.pluginId,
  organizationId: pluginBuilds.organizationId,
  seq: pluginBuilds.seq,
  version: pluginBuilds.version,
  sha256: pluginBuilds.sha256,
  sizeBytes: pluginBuilds.sizeBytes,
  platforms: pluginBuilds.platforms,
  serviceName: pluginBuilds.serviceName,
  grpcSource: pluginBuilds.grpcSource,
  uploadedByLabel: pluginBuilds.uploadedByLabel,
  createdAt: pluginBuilds.createdAt,
};
export type PluginBuildSummaryRow = Pick<PluginBuildRow, keyof typeof summary>;

export class PluginRepository {
  constructor(readonly db: Database) {}

  async findNamespace(organizationId: string, name: string): Promise<{ id: string; name: string } | undefined> {
    const [row] = await this.db
      .select({ id: namespaces.id, name: namespaces.name })
      .from(namespaces)
      .where(and(eq(namespaces.organizationId, organizationId), eq(namespaces.name, name)))
      .limit(1);
    return row;
  }

  async findPlugin(namespaceId: string, name: string): Promise<PluginRow | undefined> {
    const [row] = await this.db
      .select()
      .from(plugins)
      .where(and(eq(plugins.namespaceId, namespaceId), eq(plugins.name, name)))
      .limit(1);
    return row;
  }

  /** Creates the plugin on its first build, then holds its row lock so builds of one plugin are numbered one at a time. */
  async lockOrCreatePlugin(input: {
    organizationId: string;
    namespaceId: string;
    name: string;
    description: string | null;
    createdBy: string | null;
    createdByLabel: string;
    now: Date;
  }): Promise<PluginRow> {
    const { now, ...values } = input;
    await this.db.insert(plugins).values({ ...values, createdAt: now }).onConflictDoNothing();
    const [row] = await this.db
      .select()
      .from(plugins)
      .where(and(eq(plugins.namespaceId, input.namespaceId), eq(plugins.name, input.name)))
      .for('update')
      .limit(1);
    return row!;
  }

  async listPlugins(namespaceId: string): Promise<PluginRow[]> {
    return this.db.select().from(plugins).where(eq(plugins.namespaceId, namespaceId)).orderBy(asc(plugins.name));
  }

  async buildCounts(pluginIds: string[]): Promise<Map<string, number>> {
    if (pluginIds.length === 0) return new Map();
    const rows = await this.db
      .select({ pluginId: pluginBuilds.pluginId, n: count() })
      .from(pluginBuilds)
      .where(inArray(pluginBuilds.pluginId, pluginIds))
      .groupBy(pluginBuilds.pluginId);
    return new Map(rows.map((r) => [r.pluginId, Number(r.n)]));
  }

  async latestBuilds(pluginIds: string[]): Promise<Map<string, PluginBuildSummaryRow>> {
    if (pluginIds.length === 0) return new Map();
    const rows = await this.db
      .selectDistinctOn([pluginBuilds.pluginId], summary)
      .from(pluginBuilds)
      .where(inArray(pluginBuilds.pluginId, pluginIds))
      .orderBy(pluginBuilds.pluginId, desc(pluginBuilds.seq));
    return new Map(rows.map((r) => [r.pluginId, r]));
  }

  /** Newest first. */
  async listBuilds(pluginId: string): Promise<PluginBuildSummaryRow[]> {
    return this.db.select(summary).from(pluginBuilds).where(eq(pluginBuilds.pluginId, pluginId)).orderBy(desc(pluginBuilds.seq));
  }

  async findBuild(pluginId: string, version: string): Promise<PluginBuildRow | undefined> {
    const [row] = await this.db
      .select()
      .from(pluginBuilds)
      .where(and(eq(pluginBuilds.pluginId, pluginId), eq(pluginBuilds.version, version)))
      .limit(1);
    return row;
  }

  async findBuildBySha(pluginId: string, sha256: string): Promise<PluginBuildRow | undefined> {
    const [row] = await this.db
      .select()
      .from(pluginBuilds)
      .where(and(eq(pluginBuilds.pluginId, pluginId), eq(pluginBuilds.sha256, sha256)))
      .limit(1);
    return row;
  }

  async versionsAndMaxSeq(pluginId: string): Promise<{ versions: Set<string>; maxSeq: number }> {
    const rows = await this.db
      .select({ version: pluginBuilds.version, seq: pluginBuilds.seq })
      .from(pluginBuilds)
      .where(eq(pluginBuilds.pluginId, pluginId));
    return { versions: new Set(rows.map((r) => r.version)), maxSeq: rows.reduce((m, r) => Math.max(m, r.seq), 0) };
  }

  async insertBuild(values: NewPluginBuild): Promise<PluginBuildRow> {
    const [row] = await this.db.insert(pluginBuilds).values(values).returning();
    return row!;
  }

  /** Deletes some builds of a plugin; answers the hashes they had. */
  async deleteBuilds(pluginId: string, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .delete(pluginBuilds)
      .where(and(eq(pluginBuilds.pluginId, pluginId), inArray(pluginBuilds.id, ids)))
      .returning({ sha256: pluginBuilds.sha256 });
    return rows.map((r) => r.sha256);
  }

  /** Deletes the plugin and its builds; answers the hashes the builds had. */
  async deletePlugin(pluginId: string): Promise<string[]> {
    const shas = await this.db.select({ sha256: pluginBuilds.sha256 }).from(pluginBuilds).where(eq(pluginBuilds.pluginId, pluginId));
    await this.db.delete(plugins).where(eq(plugins.id, pluginId));
    return shas.map((s) => s.sha256);
  }

  /** The archives the builds of a namespace's plugins point at (read before the namespace goes). */
  async archivesInNamespace(namespaceId: string): Promise<string[]> {
    const rows = await this.db
      .selectDistinct({ sha256: pluginBuilds.sha256 })
      .from(pluginBuilds)
      .innerJoin(plugins, eq(plugins.id, pluginBuilds.pluginId))
      .where(eq(plugins.namespaceId, namespaceId));
    return rows.map((r) => r.sha256);
  }

  /** Whether any build, of any plugin in any organization, still points at this archive. */
  async isArchiveReferenced(sha256: string): Promise<boolean> {
    const [row] = await this.db.select({ one: sql<number>`1` }).from(pluginBuilds).where(eq(pluginBuilds.sha256, sha256)).limit(1);
    return row !== undefined;
  }

  async organizationOfGraph(graphId: string): Promise<string | undefined> {
    const [row] = await this.db
      .select({ organizationId: federatedGraphs.organizationId })
      .from(federatedGraphs)
      .where(eq(federatedGraphs.id, graphId))
      .limit(1);
    return row?.organizationId;
  }

  async findBuildInOrgBySha(organizationId: string, sha256: string): Promise<PluginBuildSummaryRow | undefined> {
    const [row] = await this.db
      .select(summary)
      .from(pluginBuilds)
      .where(and(eq(pluginBuilds.organizationId, organizationId), eq(pluginBuilds.sha256, sha256)))
      .limit(1);
    return row;
  }
}
