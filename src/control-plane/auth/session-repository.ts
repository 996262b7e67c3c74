import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { loginFailures, sessions, users } from '../db/schema.ts';

export type SessionRow = typeof sessions.$inferSelect;

export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(input: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    userAgent: string | null;
    expiresAt: Date;
    idToken?: string | null;
  }): Promise<SessionRow> {
    const [row] = await this.db.insert(sessions).values(input).returning();
    return row!;
  }

  async findByTokenHash(tokenHash: string) {
    const [row] = await this.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.tokenHash, tokenHash))
      .limit(1);
    return row;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }

  /** Returns the session's ID token (SSO sessions only); the row drops it, having no more use for it. */
  async revoke(id: string, now: Date): Promise<string | null> {
    const [row] = await this.db.select({ idToken: sessions.idToken }).from(sessions).where(eq(sessions.id, id)).limit(1);
    await this.db
      .update(sessions)
      .set({ revokedAt: now, idToken: null })
      .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
    return row?.idToken ?? null;
  }

  async revokeForUser(userId: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
      .returning({ id: sessions.id });
    return rows.length > 0;
  }

  async listActive(userId: string, now: Date): Promise<SessionRow[]> {
    return this.db
      .select()
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.lastSeenAt));
  }

  async deleteExpired(now: Date): Promise<void> {
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    await this.db.delete(sessions).where(or(lt(sessions.expiresAt, weekAgo), lt(sessions.revokedAt, weekAgo)));
    await this.db.delete(loginFailures).where(lt(loginFailures.failedAt, weekAgo));
  }

  async countFailures(buckets: string[], since: Date): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const bucket of buckets) {
      const [row] = await this.db
        .select({ n: sql<number>`count(*)::int` })
        .from(loginFailures)
        .where(and(eq(loginFailures.bucket, bucket), gt(loginFailures.failedAt, since)));
      counts[bucket] = Number(row?.n ?? 0);
    }
    return counts;
  }

  async recordFailure(buckets: string[], now: Date): Promise<void> {
    await this.db.insert(loginFailures).values(buckets.map((bucket) => ({ bucket, failedAt: now })));
  }

  async clearFailures(bucket: string): Promise<void> {
    await this.db.delete(loginFailures).where(eq(loginFailures.bucket, bucket));
  }
}
