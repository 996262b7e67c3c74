import { and, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { compositions, type CompositionInput } from '../../db/schema.ts';
import type { CompositionErrorInfo } from '../../../shared/composition/compose.ts';

export type CompositionRow = typeof compositions.$inferSelect;
export type CompositionMeta = Omit<CompositionRow, 'supergraphSdl' | 'clientSchema'>;

const meta = {
  id: compositions.id,
  seq: compositions.seq,
  graphId: compositions.graphId,
  status: compositions.status,
  trigger: compositions.trigger,
  triggeredBy: compositions.triggeredBy,
  triggeredByLabel: compositions.triggeredByLabel,
  inputs: compositions.inputs,
  errors: compositions.errors,
  createdAt: compositions.createdAt,
};

export class CompositionRepository {
  constructor(private readonly db: Database) {}

  async insert(input: {
    graphId: string;
    status: 'success' | 'failed';
    trigger: string;
    triggeredBy: string | null;
    triggeredByLabel: string;
    inputs: CompositionInput[];
    errors: CompositionErrorInfo[];
    supergraphSdl: string | null;
    clientSchema: string | null;
    now: Date;
  }): Promise<CompositionMeta> {
    const { now, ...values } = input;
    const [row] = await this.db
      .insert(compositions)
      .values({ ...values, createdAt: now })
      .returning(meta);
    return row!;
  }

  async latest(graphId: string): Promise<CompositionMeta | undefined> {
    const [row] = await this.db
      .select(meta)
      .from(compositions)
      .where(eq(compositions.graphId, graphId))
      .orderBy(desc(compositions.seq))
      .limit(1);
    return row;
  }

  /** The last composition that succeeded: the one routers are served. */
  async latestGood(graphId: string): Promise<CompositionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(compositions)
      .where(and(eq(compositions.graphId, graphId), eq(compositions.status, 'success')))
      .orderBy(desc(compositions.seq))
      .limit(1);
    return row;
  }

  async latestPerGraph(graphIds: string[], onlyGood: boolean): Promise<Map<string, CompositionMeta>> {
    if (graphIds.length === 0) return new Map();
    const where = onlyGood
      ? and(inArray(compositions.graphId, graphIds), eq(compositions.status, 'success'))
      : inArray(compositions.graphId, graphIds);
    const rows = await this.db
      .selectDistinctOn([compositions.graphId], meta)
      .from(compositions)
      .where(where)
      .orderBy(compositions.graphId, desc(compositions.seq));
    return new Map(rows.map((r) => [r.graphId, r]));
  }

  async list(graphId: string, limit: number, beforeSeq: number | undefined): Promise<CompositionMeta[]> {
    return this.db
      .select(meta)
      .from(compositions)
      .where(
        beforeSeq === undefined
          ? eq(compositions.graphId, graphId)
          : and(eq(compositions.graphId, graphId), lt(compositions.seq, beforeSeq)),
      )
      .orderBy(desc(compositions.seq))
      .limit(limit);
  }

  async get(graphId: string, id: string): Promise<CompositionRow | undefined> {
    const [row] = await this.db
      .select()
      .from(compositions)
      .where(and(eq(compositions.graphId, graphId), eq(compositions.id, id)))
      .limit(1);
    return row;
  }
}
