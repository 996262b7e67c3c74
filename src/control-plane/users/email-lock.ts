import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';

/**
 * Serialises, until the transaction ends, everything that may create the account of one email
 * address: a first SSO login and accepting an invitation. Without it the two could both find
 * no user and both insert one, and the second would fail on the unique email.
 */
export async function lockAccountEmail(tx: Database, email: string): Promise<void> {
  await lockKey(tx, `email:${email.toLowerCase()}`);
}

/** A transaction-scoped advisory lock on a Switchyard account key (SSO identities use it too). */
export async function lockKey(tx: Database, key: string): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`switchyard-sso-login:${key}`}, 0))`);
}
