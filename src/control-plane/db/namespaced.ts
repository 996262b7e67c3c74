import { and, asc, eq } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database } from './client.ts';

/** A table of resources named uniquely within a namespace: graphs, subgraphs, feature flags. */
type NamespacedTable = PgTable & { namespaceId: PgColumn; name: PgColumn };

/** The resources of one namespace, by name. */
export async function listInNamespace<T extends NamespacedTable>(db: Database, table: T, namespaceId: string) {
  return (await db
    .select()
    .from(table as PgTable)
    .where(eq(table.namespaceId, namespaceId))
    .orderBy(asc(table.name))) as T['$inferSelect'][];
}

/** One resource of a namespace by name. */
export async function findInNamespace<T extends NamespacedTable>(db: Database, table: T, namespaceId: string, name: string) {
  const [row] = (await db
    .select()
    .from(table as PgTable)
    .where(and(eq(table.namespaceId, namespaceId), eq(table.name, name)))
    .limit(1)) as T['$inferSelect'][];
  return row;
}
