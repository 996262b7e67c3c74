import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { invitations, memberships, organizations, users } from '../db/schema.ts';
import type { Role } from '../../shared/roles.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export class OrganizationRepository {
  constructor(private readonly db: Database) {}

  async create(input: { slug: string; name: string }, db: Database = this.db): Promise<OrganizationRow> {
    const [row] = await db.insert(organizations).values(input).returning();
    return row!;
  }

  async count(): Promise<number> {
    return this.db.$count(organizations);
  }

  /** The first organization made: the bootstrap one. */
  async oldest(): Promise<OrganizationRow | undefined> {
    const [row] = await this.db.select().from(organizations).orderBy(asc(organizations.createdAt), asc(organizations.id)).limit(1);
    return row;
  }

  async findBySlug(slug: string): Promise<OrganizationRow | undefined> {
    const [row] = await this.db.select().from(organizations).where(eq(organizations.slug, slug)).limit(1);
    return row;
  }

  async membershipsOf(userId: string) {
    return this.db
      .select({ id: organizations.id, slug: organizations.slug, name: organizations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(organizations.name));
  }

  async membershipsOfOrgId(organizationId: string) {
    return this.db
      .select({ id: organizations.id, slug: organizations.slug, name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, organizationId));
  }

  async roleOf(organizationId: string, userId: string): Promise<Role | undefined> {
    const [row] = await this.db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)))
      .limit(1);
    return row?.role;
  }

  async addMember(organizationId: string, userId: string, role: Role, db: Database = this.db): Promise<void> {
    await db
      .insert(memberships)
      .values({ organizationId, userId, role })
      .onConflictDoUpdate({ target: [memberships.organizationId, memberships.userId], set: { role } });
  }

  async listMembers(organizationId: string) {
    return this.db
      .select({
        userId: users.id,
        email: users.email,
        name: users.name,
        role: memberships.role,
        joinedAt: memberships.createdAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, organizationId))
      .orderBy(asc(users.email));
  }

  /**
   * Locks the organization's membership rows, so that two admins demoting or removing
   * each other at once cannot both succeed and leave the organization with no admin.
   */
  async lockMemberships(organizationId: string, db: Database): Promise<{ userId: string; role: Role }[]> {
    return db
      .select({ userId: memberships.userId, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.organizationId, organizationId))
      .for('update');
  }

  async setRole(organizationId: string, userId: string, role: Role, db: Database): Promise<void> {
    await db
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  }

  async removeMember(organizationId: string, userId: string, db: Database): Promise<void> {
    await db
      .delete(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.userId, userId)));
  }

  async createInvitation(
    input: { organizationId: string; email: string; role: Role; tokenHash: string; invitedBy: string | null; expiresAt: Date },
    db: Database = this.db,
  ): Promise<InvitationRow> {
    const [row] = await db.insert(invitations).values(input).returning();
    return row!;
  }

  async openInvitationFor(organizationId: string, email: string, now: Date, db: Database = this.db) {
    const [row] = await db
      .select()
      .from(invitations)
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .limit(1);
    return row;
  }

  /** Expired invitations still hold the one-open-invitation-per-email slot; close them before re-inviting. */
  async closeStaleInvitations(organizationId: string, email: string, now: Date, db: Database): Promise<void> {
    await db
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
  }

  async listOpenInvitations(organizationId: string, now: Date) {
    return this.db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        invitedBy: users.email,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
      })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, now),
        ),
      )
      .orderBy(asc(invitations.email));
  }

  async revokeInvitation(organizationId: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(invitations)
      .set({ revokedAt: now })
      .where(
        and(
          eq(invitations.organizationId, organizationId),
          eq(invitations.id, id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    return rows.length > 0;
  }

  async findInvitationByTokenHash(tokenHash: string, db: Database = this.db) {
    const [row] = await db
      .select({ invitation: invitations, organization: organizations })
      .from(invitations)
      .innerJoin(organizations, eq(organizations.id, invitations.organizationId))
      .where(eq(invitations.tokenHash, tokenHash))
      .limit(1);
    return row;
  }

  /** Marks an invitation used; false when another request accepted it first. */
  async markAccepted(id: string, now: Date, db: Database): Promise<boolean> {
    const rows = await db
      .update(invitations)
      .set({ acceptedAt: now })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id });
    return rows.length > 0;
  }

  async adminCount(organizationId: string): Promise<number> {
    const [row] = await this.db
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.organizationId, organizationId), eq(memberships.role, 'admin')));
    return Number(row?.n ?? 0);
  }
}
