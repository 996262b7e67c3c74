import type { Database } from '../../db/client.ts';
import { emailSchema } from '../../../shared/names.ts';
import type { Role } from '../../../shared/roles.ts';
import { lockAccountEmail, lockKey } from '../../users/email-lock.ts';
import { UserRepository } from '../../users/user-repository.ts';
import { OrganizationRepository } from '../../organizations/organization-repository.ts';
import { AuditRepository } from '../../graphs/audit/audit-repository.ts';
import { systemActor, type Actor } from '../../graphs/actor.ts';
import { hashToken } from '../tokens.ts';
import { OidcClient, SsoError, type VerifiedLogin } from './oidc-client.ts';
import type { OidcConfig } from './oidc-config.ts';
import { OidcRepository } from './oidc-repository.ts';
import { roleAtLogin } from './role-mapping.ts';

const PENDING_TTL_MS = 10 * 60_000;
const SSO_ACTOR = systemActor('sso');

/**
 * Single sign-on: starts logins at the IdP and turns a verified answer into a Switchyard
 * user with a membership. Every failure is an SsoError, thrown before anything is written.
 */
export class OidcService {
  readonly client: OidcClient;
  private readonly pending: OidcRepository;

  constructor(
    private readonly deps: { config: OidcConfig; db: Database; now: () => Date; client?: OidcClient },
  ) {
    this.client = deps.client ?? new OidcClient(deps.config);
    this.pending = new OidcRepository(deps.db);
  }

  /** The IdP URL to send the browser to, and the state to bind to the browser by cookie. */
  async start(returnTo: string | null): Promise<{ url: string; state: string }> {
    const request = await this.client.authorizationRequest();
    const now = this.deps.now();
    await this.pending.savePending(
      {
        stateHash: hashToken(request.state),
        nonce: request.nonce,
        codeVerifier: request.codeVerifier,
        returnTo,
        expiresAt: new Date(now.getTime() + PENDING_TTL_MS),
      },
      now,
    );
    return { url: request.url.toString(), state: request.state };
  }

  /**
   * `callbackQuery` is the query string the IdP sent; `cookieState` the state this browser
   * started with. A state from another browser (login CSRF) or replayed is refused.
   */
  async finish(callbackQuery: URLSearchParams, cookieState: string | undefined) {
    const state = callbackQuery.get('state');
    if (!state || !cookieState || state !== cookieState) {
      throw new SsoError('state_mismatch', 'the callback state does not match the login started in this browser');
    }
    const pending = await this.pending.takePending(hashToken(state));
    if (!pending || pending.expiresAt <= this.deps.now()) {
      throw new SsoError('state_mismatch', 'no pending login for this state (expired or already used)');
    }
    const url = new URL(this.deps.config.redirectUri);
    url.search = callbackQuery.toString();
    const verified = await this.client.finish(url, { state, nonce: pending.nonce, codeVerifier: pending.codeVerifier });
    const userId = await this.signIn(verified);
    return { userId, idToken: verified.idToken, returnTo: pending.returnTo };
  }

  private async signIn(verified: VerifiedLogin): Promise<string> {
    const { claims, issuer, subject } = verified;
    if (typeof claims.email !== 'string' || !claims.email.trim()) {
      throw new SsoError('email_missing', `the IdP sent no email claim for ${subject}`);
    }
    const parsedEmail = emailSchema.safeParse(claims.email);
    if (!parsedEmail.success) throw new SsoError('email_missing', `the IdP's email claim "${claims.email}" is not an email address`);
    const email = parsedEmail.data;
    // Only a verified address may create or, above all, take over an account by its email.
    if (claims.email_verified !== true && claims.email_verified !== 'true') {
      throw new SsoError('email_unverified', `${email} is not verified at the IdP (email_verified is ${String(claims.email_verified)})`);
    }
    const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : email.split('@')[0]!;
    const mappedRole = roleAtLogin(claims, this.deps.config);

    const orgs = new OrganizationRepository(this.deps.db);
    const org = this.deps.config.organization ? await orgs.findBySlug(this.deps.config.organization) : await orgs.oldest();
    if (!org) throw new SsoError('no_organization', `SWITCHYARD_OIDC_ORG names "${this.deps.config.organization}", which does not exist`);

    const now = this.deps.now();
    return this.deps.db.transaction(async (tx) => {
      // Logins of one person run one after the other: two first logins at once (a double click,
      // two tabs) would both find no user and both create one, and the second would fail on the
      // unique email. Held until commit, so the second sees the first's user, identity and
      // membership and signs in as a returning user. Identity first, then email: every login
      // takes them in that order, so two logins never wait on each other in a circle.
      await lockKey(tx, `identity:${issuer}\n${subject}`);
      // The same lock an invitation's acceptance takes before it creates an account.
      await lockAccountEmail(tx, email);
      const users = new UserRepository(tx);
      const identities = new OidcRepository(tx);
      const organizations = new OrganizationRepository(tx);
      const audit = new AuditRepository(tx);
      const record = (actor: Actor, action: string, details: Record<string, unknown>) =>
        audit.record({ organizationId: org.id, actor, action, resourceType: 'member', resourceName: email, namespace: null, details, now });

      const identity = await identities.findIdentity(issuer, subject, tx);
      let user = identity ? await users.findById(identity.userId) : await users.findByEmail(email);
      if (!user) {
        user = await users.create({ email, name, passwordHash: null }, tx);
        await record(SSO_ACTOR, 'member.sso_user_created', { issuer, subject });
      }
      const actor: Actor = { kind: 'user', userId: user.id, label: user.email };
      if (identity) {
        await identities.touch(issuer, subject, email, now, tx);
      } else {
        await identities.link({ issuer, subject, userId: user.id, email, now }, tx);
        await record(actor, 'member.sso_linked', { issuer, subject });
      }

      const members = await organizations.lockMemberships(org.id, tx);
      const current = members.find((m) => m.userId === user.id)?.role;
      let role: Role = current ?? mappedRole ?? this.deps.config.defaultRole;
      if (!current) {
        await organizations.addMember(org.id, user.id, role, tx);
        await record(SSO_ACTOR, 'member.added', { role, source: 'sso' });
      } else if (mappedRole && mappedRole !== current) {
        const admins = members.filter((m) => m.role === 'admin').length;
        if (current === 'admin' && admins <= 1) {
          // Demoting the last admin would leave nobody able to manage the organization.
          await record(SSO_ACTOR, 'member.role_change_refused', { from: current, to: mappedRole, reason: 'last admin' });
        } else {
          await organizations.setRole(org.id, user.id, mappedRole, tx);
          await record(SSO_ACTOR, 'member.role_changed', { from: current, to: mappedRole, source: 'sso' });
          role = mappedRole;
        }
      }
      await record(actor, 'member.sso_login', { issuer, subject, role });
      return user.id;
    });
  }
}
