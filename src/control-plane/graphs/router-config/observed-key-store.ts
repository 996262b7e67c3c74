import { desc, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { routerObservedKeys } from '../../db/schema.ts';
import { MAX_OBSERVED_PER_TYPE, type ObservedKeySet } from '../../../shared/router-observed-keys.ts';

type Obj = Record<string, unknown>;

/** Routers per graph whose keys are read; a graph rarely has more staging routers than this. */
const MAX_ROUTERS_PER_GRAPH = 10;

/**
 * The entity keys each graph's routers last sent (PUT /api/v1/router/observed-keys): one row
 * per router token, replaced by its next push. They live in the database, not in one
 * control plane's memory, so a router pushing to one instance feeds the swap dialog served
 * by another, and a revoked token's or deleted graph's keys go with it (ON DELETE
 * CASCADE; revoked tokens are skipped on read). Reads merge the newest routers first.
 */
export class ObservedKeyStore {
  constructor(
    private readonly db: Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async put(graphId: string, routerTokenId: string, keys: ObservedKeySet): Promise<void> {
    const pushedAt = this.now();
    await this.db
      .insert(routerObservedKeys)
      .values({ graphId, routerTokenId, keys, pushedAt })
      .onConflictDoUpdate({
        target: [routerObservedKeys.graphId, routerObservedKeys.routerTokenId],
        set: { keys, pushedAt },
      });
  }

  /**
   * Each type's keys as the routers sent them (newest first), at most MAX_OBSERVED_PER_TYPE,
   * no duplicates; a type no router sent is absent. One query for all the types.
   */
  async keysOf(graphId: string, types: readonly string[]): Promise<Map<string, Obj[]>> {
    const out = new Map<string, Obj[]>();
    if (!types.length) return out;
    const wanted = sql.join(
      types.map((t) => sql`${t}`),
      sql`, `,
    );
    const rows = await this.db
      .select({
        // Only the asked-for types leave the database, not every type the routers saw.
        keys: sql<Record<string, Obj[]> | null>`(SELECT jsonb_object_agg(e.key, e.value)
          FROM jsonb_each(${routerObservedKeys.keys}) e WHERE e.key IN (${wanted}))`,
      })
      .from(routerObservedKeys)
      .where(
        sql`${eq(routerObservedKeys.graphId, graphId)} AND NOT EXISTS (
          SELECT 1 FROM router_tokens t WHERE t.id = ${routerObservedKeys.routerTokenId} AND t.revoked_at IS NOT NULL)`,
      )
      .orderBy(desc(routerObservedKeys.pushedAt))
      .limit(MAX_ROUTERS_PER_GRAPH);
    for (const type of types) {
      const seen = new Map<string, Obj>();
      for (const row of rows) {
        const keys = row.keys?.[type];
        for (const key of Array.isArray(keys) ? keys : []) {
          if (seen.size >= MAX_OBSERVED_PER_TYPE) break;
          seen.set(JSON.stringify(key), key);
        }
      }
      if (seen.size) out.set(type, [...seen.values()]);
    }
    return out;
  }
}
