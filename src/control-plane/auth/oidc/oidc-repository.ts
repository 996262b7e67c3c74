import { and, eq, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { oidcIdentities, oidcPendingLogins } from '../../db/schema.ts';

export type PendingLogin = typeof oidcPendingLogins.$inferSelect;
export type OidcIdentity = typeof oidcIdentities.$inferSelect;

export class OidcRepository {
  constructor(private readonly db: Database) {}

  async savePending(row: PendingLogin, now: Date): Promise<void> {
    // Abandoned logins are cleared here, so the table never grows past ten minutes of attempts.
    await this.db.delete(oidcPendingLogins).where(lt(oidcPendingLogins.expiresAt, now));
    await this.db.insert(oidcPendingLogins).values(row);
  }

  /** Deletes and returns the pending login: each state is good for exactly one callback. */
  async takePending(stateHash: string): Promise<PendingLogin | undefined> {
    const [row] = await this.db.delete(oidcPendingLogins).where(eq(oidcPendingLogins.stateHash, stateHash)).returning();
    return row;
  }

  async findIdentity(issuer: string, subject: string, db: Database = this.db): Promise<OidcIdentity | undefined> {
    const [row] = await db
      .select()
      .from(oidcIdentities)
      .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)))
      .limit(1);
    return row;
  }

  async link(input: { issuer: string; subject: string; userId: string; email: string; now: Date }, db: Database): Promise<void> {
    await db.insert(oidcIdentities).values({ ...input, createdAt: input.now, lastLoginAt: input.now });
  }

  async touch(issuer: string, subject: string, email: string, now: Date, db: Database): Promise<void> {
    await db
      .update(oidcIdentities)
      .set({ lastLoginAt: now, email })
      .where(and(eq(oidcIdentities.issuer, issuer), eq(oidcIdentities.subject, subject)));
  }

  async identitiesOf(userId: string): Promise<OidcIdentity[]> {
    return this.db.select().from(oidcIdentities).where(eq(oidcIdentities.userId, userId));
  }
}
