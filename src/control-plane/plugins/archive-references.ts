import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { PluginRepository } from './plugin-repository.ts';
import { buildKey, type PluginStorage } from './storage/plugin-storage.ts';

/**
 * Archives are shared by hash, so "is this archive still needed?" (before deleting it)
 * and "a new build needs this archive" (before recording it) take this lock, across
 * every instance on the database, and never see each other half done.
 */
export async function lockArchive(tx: Database, sha256: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`switchyard-plugin-archive:${sha256}`}, 0))`);
}

export async function discardArchiveIfUnreferenced(db: Database, storage: PluginStorage, sha256: string): Promise<void> {
  await db.transaction(async (tx) => {
    await lockArchive(tx, sha256);
    if (!(await new PluginRepository(tx).isArchiveReferenced(sha256))) await storage.delete(buildKey(sha256));
  });
}
