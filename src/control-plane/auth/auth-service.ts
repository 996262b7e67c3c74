import type { Config } from '../config.ts';
import { AppError } from '../http/errors.ts';
import type { UserRepository } from '../users/user-repository.ts';
import type { OrganizationRepository } from '../organizations/organization-repository.ts';
import type { ApiKeyRepository } from '../api-keys/api-key-repository.ts';
import type { SessionRepository } from './session-repository.ts';
import { burnVerification, verifyPassword } from './passwords.ts';
import { API_KEY_PREFIX, hashToken, randomToken } from './tokens.ts';
import type { Principal } from './principal.ts';
import type { MeResponse, SessionInfo } from '../../shared/api/auth.ts';

const TOUCH_EVERY_MS = 60_000;
const INVALID_CREDENTIALS = 'Email or password is incorrect';

export class AuthService {
  constructor(
    private readonly deps: {
      config: Pick<Config, 'sessionTtlMs' | 'loginLimits' | 'passwordLogin'> & {
        /** With password login off, this one account (the first admin's) may still use its password, to recover. */
        recoveryEmail: string;
      };
      users: UserRepository;
      sessions: SessionRepository;
      organizations: OrganizationRepository;
      apiKeys: ApiKeyRepository;
      now: () => Date;
    },
  ) {}

  /**
   * Checks the password and opens a session. Failures are counted per account and per
   * IP in the database, so the limit holds across every control-plane instance.
   */
  async login(input: { email: string; password: string; ip: string; userAgent: string | null }) {
    const { config, users, sessions, now } = this.deps;
    if (!config.passwordLogin && input.email !== config.recoveryEmail) {
      throw new AppError(403, 'password_login_disabled', 'Password login is turned off here. Log in with SSO.');
    }
    const at = now();
    const accountBucket = `account:${input.email}`;
    const ipBucket = `ip:${input.ip}`;
    const since = new Date(at.getTime() - config.loginLimits.windowMs);
    const counts = await sessions.countFailures([accountBucket, ipBucket], since);
    if ((counts[accountBucket] ?? 0) >= config.loginLimits.perAccount || (counts[ipBucket] ?? 0) >= config.loginLimits.perIp) {
      const retryAfter = Math.ceil(config.loginLimits.windowMs / 1000);
      throw new AppError(
        429,
        'rate_limited',
        'Too many failed login attempts. Wait a few minutes and try again.',
        { retryAfterSeconds: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
    const user = await users.findByEmail(input.email);
    // People who only log in through SSO have no password: the same answer, and the same time, as a wrong one.
    const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : (await burnVerification(input.password), false);
    if (!user || !ok) {
      await sessions.recordFailure([accountBucket, ipBucket], at);
      throw new AppError(401, 'invalid_credentials', INVALID_CREDENTIALS);
    }
    await sessions.clearFailures(accountBucket);
    return this.openSession(user.id, input.userAgent);
  }

  async openSession(userId: string, userAgent: string | null, idToken: string | null = null) {
    const token = randomToken();
    const at = this.deps.now();
    const session = await this.deps.sessions.create({
      tokenHash: hashToken(token),
      userId,
      csrfToken: randomToken(24),
      userAgent: userAgent?.slice(0, 400) ?? null,
      expiresAt: new Date(at.getTime() + this.deps.config.sessionTtlMs),
      idToken,
    });
    return { token, session };
  }

  /** Ends the session; returns the ID token of an SSO session, so the IdP session can be ended too. */
  async logout(principal: Principal): Promise<{ idToken: string | null }> {
    if (principal.kind !== 'session') return { idToken: null };
    return { idToken: await this.deps.sessions.revoke(principal.sessionId, this.deps.now()) };
  }

  /** Resolves a session cookie; expired and revoked sessions are told apart from garbage. */
  async resolveSession(token: string): Promise<Principal> {
    const found = await this.deps.sessions.findByTokenHash(hashToken(token));
    if (!found) throw new AppError(401, 'unauthenticated', 'Your session is not valid. Log in again.');
    const at = this.deps.now();
    const { session, user } = found;
    if (session.revokedAt) throw new AppError(401, 'session_expired', 'Your session was ended. Log in again.');
    if (session.expiresAt <= at) throw new AppError(401, 'session_expired', 'Your session has expired. Log in again.');
    if (at.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await this.deps.sessions.touch(session.id, at);
    return {
      kind: 'session',
      user: { id: user.id, email: user.email, name: user.name },
      sessionId: session.id,
      csrfToken: session.csrfToken,
    };
  }

  async resolveApiKey(key: string): Promise<Principal> {
    if (!key.startsWith(API_KEY_PREFIX)) throw new AppError(401, 'unauthenticated', 'The bearer token is not a Switchyard API key');
    const row = await this.deps.apiKeys.findByHash(hashToken(key));
    if (!row) throw new AppError(401, 'unauthenticated', 'Invalid API key');
    const at = this.deps.now();
    if (row.revokedAt) throw new AppError(401, 'unauthenticated', `API key ${row.prefix} has been revoked`);
    if (row.expiresAt && row.expiresAt <= at) throw new AppError(401, 'unauthenticated', `API key ${row.prefix} has expired`);
    if (!row.lastUsedAt || at.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await this.deps.apiKeys.touch(row.id, at);
    return {
      kind: 'api_key',
      keyId: row.id,
      name: row.name,
      organizationId: row.organizationId,
      role: row.role,
      createdBy: row.createdBy,
    };
  }

  async me(principal: Principal): Promise<MeResponse> {
    if (principal.kind === 'session') {
      const organizations = await this.deps.organizations.membershipsOf(principal.user.id);
      return { user: principal.user, organizations, csrfToken: principal.csrfToken, via: 'session' };
    }
    const orgs = await this.deps.organizations.membershipsOfOrgId(principal.organizationId);
    return {
      user: { id: `api-key:${principal.keyId}`, email: '', name: principal.name },
      organizations: orgs.map((o) => ({ ...o, role: principal.role })),
      csrfToken: null,
      via: 'api_key',
    };
  }

  async listSessions(principal: Principal): Promise<SessionInfo[]> {
    if (principal.kind !== 'session') return [];
    const rows = await this.deps.sessions.listActive(principal.user.id, this.deps.now());
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
      userAgent: s.userAgent,
      current: s.id === principal.sessionId,
    }));
  }

  async revokeSession(principal: Principal, id: string): Promise<void> {
    if (principal.kind !== 'session') throw new AppError(403, 'forbidden', 'API keys have no sessions');
    const ok = await this.deps.sessions.revokeForUser(principal.user.id, id, this.deps.now());
    if (!ok) throw new AppError(404, 'not_found', 'No active session with that id');
  }
}
