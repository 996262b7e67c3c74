import { and, desc, eq, inArray, max } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { schemaVersions } from '../../db/schema.ts';

export type SchemaVersionRow = typeof schemaVersions.$inferSelect;
export type SchemaVersionMeta = Omit<SchemaVersionRow, 'sdl'>;

const meta = {
  id: schemaVersions.id,
  subgraphId: schemaVersions.subgraphId,
  version: schemaVersions.version,
  sha256: schemaVersions.sha256,
  sizeBytes: schemaVersions.sizeBytes,
  createdBy: schemaVersions.createdBy,
  createdByLabel: schemaVersions.createdByLabel,
  createdAt: schemaVersions.createdAt,
};

export class SchemaVersionRepository {
  constructor(private readonly db: Database) {}

  /** Callers hold the namespace lock, so max()+1 cannot race with another publish. */
  async create(input: {
    subgraphId: string;
    sdl: string;
    sha256: string;
    sizeBytes: number;
    createdBy: string | null;
    createdByLabel: string;
    now: Date;
  }): Promise<SchemaVersionMeta> {
    const [current] = await this.db
      .select({ version: max(schemaVersions.version) })
      .from(schemaVersions)
      .where(eq(schemaVersions.subgraphId, input.subgraphId));
    const { now, ...values } = input;
    const [row] = await this.db
      .insert(schemaVersions)
      .values({ ...values, version: (current?.version ?? 0) + 1, createdAt: now })
      .returning(meta);
    return row!;
  }

  async list(subgraphId: string): Promise<SchemaVersionMeta[]> {
    return this.db
      .select(meta)
      .from(schemaVersions)
      .where(eq(schemaVersions.subgraphId, subgraphId))
      .orderBy(desc(schemaVersions.version));
  }

  async get(subgraphId: string, version: number): Promise<SchemaVersionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(schemaVersions)
      .where(and(eq(schemaVersions.subgraphId, subgraphId), eq(schemaVersions.version, version)))
      .limit(1);
    return row;
  }

  async latest(subgraphId: string): Promise<SchemaVersionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(schemaVersions)
      .where(eq(schemaVersions.subgraphId, subgraphId))
      .orderBy(desc(schemaVersions.version))
      .limit(1);
    return row;
  }

  /** The newest version of each subgraph, without SDLs (for listings). */
  async latestMeta(subgraphIds: string[]): Promise<Map<string, SchemaVersionMeta>> {
    if (subgraphIds.length === 0) return new Map();
    const rows = await this.db
      .selectDistinctOn([schemaVersions.subgraphId], meta)
      .from(schemaVersions)
      .where(inArray(schemaVersions.subgraphId, subgraphIds))
      .orderBy(schemaVersions.subgraphId, desc(schemaVersions.version));
    return new Map(rows.map((r) => [r.subgraphId, r]));
  }

  /** The newest version of each subgraph, with SDLs (for composing). */
  async latestWithSdl(subgraphIds: string[]): Promise<Map<string, SchemaVersionRow>> {
    if (subgraphIds.length === 0) return new Map();
    const rows = await this.db
      .selectDistinctOn([schemaVersions.subgraphId])
      .from(schemaVersions)
      .where(inArray(schemaVersions.subgraphId, subgraphIds))
      .orderBy(schemaVersions.subgraphId, desc(schemaVersions.version));
    return new Map(rows.map((r) => [r.subgraphId, r]));
  }

  async byIds(ids: string[]): Promise<Map<string, SchemaVersionRow>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.select().from(schemaVersions).where(inArray(schemaVersions.id, ids));
    return new Map(rows.map((r) => [r.id, r]));
  }
}
