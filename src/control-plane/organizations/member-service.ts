import type { Database } from '../db/client.ts';
import { AppError, conflict, forbidden, notFound } from '../http/errors.ts';
import { hashToken, randomToken } from '../auth/tokens.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { OrgContext, Principal } from '../auth/principal.ts';
import { actorId } from '../auth/principal.ts';
import { lockAccountEmail } from '../users/email-lock.ts';
import { UserRepository } from '../users/user-repository.ts';
import type { OrganizationRepository } from './organization-repository.ts';
import type { Role } from '../../shared/roles.ts';
import type { CreatedInvitation, Invitation, MemberList } from '../../shared/api/organizations.ts';
import type { InvitationPreview } from '../../shared/api/auth.ts';
import { newPasswordSchema } from '../../shared/api/auth.ts';

const INVITATION_TTL_MS = 7 * 86_400_000;

export class MemberService {
  constructor(
    private readonly deps: {
      db: Database;
      users: UserRepository;
      organizations: OrganizationRepository;
      now: () => Date;
    },
  ) {}

  async list(org: OrgContext): Promise<MemberList> {
    const now = this.deps.now();
    const [members, invitations] = await Promise.all([
      this.deps.organizations.listMembers(org.id),
      this.deps.organizations.listOpenInvitations(org.id, now),
    ]);
    return {
      members: members.map((m) => ({ ...m, joinedAt: m.joinedAt.toISOString() })),
      invitations: invitations.map(toInvitation),
    };
  }

  /**
   * There is no mail server in a self-hosted staging tool, so an invitation yields a
   * one-time link that the admin passes on; only its hash is stored.
   */
  async invite(org: OrgContext, principal: Principal, input: { email: string; role: Role }): Promise<CreatedInvitation> {
    const { db, organizations, users } = this.deps;
    const now = this.deps.now();
    const existing = await users.findByEmail(input.email);
    if (existing && (await organizations.roleOf(org.id, existing.id))) {
      throw conflict(`${input.email} is already a member of ${org.name}`);
    }
    const token = randomToken();
    const row = await db.transaction(async (tx) => {
      if (await organizations.openInvitationFor(org.id, input.email, now, tx)) {
        throw conflict(`${input.email} already has an open invitation; revoke it to send a new one`);
      }
      await organizations.closeStaleInvitations(org.id, input.email, now, tx);
      return organizations.createInvitation(
        {
          organizationId: org.id,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedBy: actorId(principal),
          expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
        },
        tx,
      );
    });
    const invitedBy = principal.kind === 'session' ? principal.user.email : null;
    return { invitation: toInvitation({ ...row, invitedBy }), acceptPath: `/invite/${token}` };
  }

  async revokeInvitation(org: OrgContext, id: string): Promise<void> {
    if (!(await this.deps.organizations.revokeInvitation(org.id, id, this.deps.now()))) {
      throw notFound('No open invitation with that id');
    }
  }

  async changeRole(org: OrgContext, userId: string, role: Role): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const members = await this.deps.organizations.lockMemberships(org.id, tx);
      const target = members.find((m) => m.userId === userId);
      if (!target) throw notFound('No member with that id in this organization');
      if (target.role === 'admin' && role !== 'admin' && countAdmins(members) <= 1) {
        throw conflict('This is the last admin of the organization. Make someone else admin first.');
      }
      await this.deps.organizations.setRole(org.id, userId, role, tx);
    });
  }

  async remove(org: OrgContext, userId: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const members = await this.deps.organizations.lockMemberships(org.id, tx);
      const target = members.find((m) => m.userId === userId);
      if (!target) throw notFound('No member with that id in this organization');
      if (target.role === 'admin' && countAdmins(members) <= 1) {
        throw conflict('The last admin of an organization cannot be removed. Make someone else admin first.');
      }
      await this.deps.organizations.removeMember(org.id, userId, tx);
    });
  }

  async preview(token: string): Promise<InvitationPreview> {
    const { invitation, organization } = await this.openInvitation(token);
    return {
      email: invitation.email,
      role: invitation.role,
      organization: { slug: organization.slug, name: organization.name },
      accountExists: Boolean(await this.deps.users.findByEmail(invitation.email)),
      expiresAt: invitation.expiresAt.toISOString(),
    };
  }

  /**
   * A new person chooses a password here; an existing account proves itself with its
   * current password, so holding the link alone never grants access to an account.
   */
  async accept(token: string, input: { name?: string | undefined; password: string }): Promise<{ userId: string }> {
    const { db, users, organizations } = this.deps;
    const { invitation } = await this.openInvitation(token);
    const existing = await users.findByEmail(invitation.email);
    if (existing) {
      if (!existing.passwordHash) {
        throw new AppError(409, 'conflict', 'This account logs in with SSO and has no password; ask an admin to add it to the organization instead');
      }
      if (!(await verifyPassword(existing.passwordHash, input.password))) {
        throw new AppError(401, 'invalid_credentials', 'That is not the password of this account');
      }
    } else {
      const parsed = newPasswordSchema.safeParse(input.password);
      if (!parsed.success) throw new AppError(400, 'validation_failed', parsed.error.issues[0]!.message);
    }
    const passwordHash = existing ? null : await hashPassword(input.password);
    return db.transaction(async (tx) => {
      // A first SSO login of this email may be creating the account right now (it takes the
      // same lock); after the lock, look again rather than insert a second account.
      await lockAccountEmail(tx, invitation.email);
      if (!existing && (await new UserRepository(tx).findByEmail(invitation.email))) {
        throw conflict(
          `An account for ${invitation.email} was created while this invitation was being accepted (by a single sign-on login); open the invitation link again`,
        );
      }
      if (!(await organizations.markAccepted(invitation.id, this.deps.now(), tx))) {
        throw conflict('This invitation has already been used');
      }
      const user =
        existing ??
        (await users.create(
          { email: invitation.email, name: input.name ?? invitation.email.split('@')[0]!, passwordHash: passwordHash! },
          tx,
        ));
      await organizations.addMember(invitation.organizationId, user.id, invitation.role, tx);
      return { userId: user.id };
    });
  }

  private async openInvitation(token: string) {
    const found = await this.deps.organizations.findInvitationByTokenHash(hashToken(token));
    if (!found) throw notFound('This invitation link is not valid');
    const { invitation } = found;
    if (invitation.acceptedAt) throw conflict('This invitation has already been used');
    if (invitation.revokedAt) throw forbidden('This invitation was revoked');
    if (invitation.expiresAt <= this.deps.now()) throw forbidden('This invitation has expired; ask for a new one');
    return found;
  }
}

const countAdmins = (members: { role: Role }[]) => members.filter((m) => m.role === 'admin').length;

function toInvitation(row: {
  id: string;
  email: string;
  role: Role;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
}): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    invitedBy: row.invitedBy,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
