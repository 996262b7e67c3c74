import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../testing/test-server.ts';

let ts: TestServer;
let clock = Date.now();
beforeAll(async () => {
  ts = await startTestServer(
    { SWITCHYARD_LOGIN_MAX_FAILURES_PER_ACCOUNT: '3', SWITCHYARD_SESSION_TTL_HOURS: '1' },
    { now: () => new Date(clock) },
  );
});
afterAll(() => ts.close());

describe('login', () => {
  it('sets an httpOnly SameSite=Lax session cookie and returns the user, orgs and a CSRF token', async () => {
    const c = ts.client();
    const res = await c.json('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL.toUpperCase(), password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('switchyard_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);
    expect(res.body).toMatchObject({
      user: { email: ADMIN_EMAIL },
      organizations: [{ slug: 'acme', role: 'admin' }],
      via: 'session',
    });
    expect(typeof res.body.csrfToken).toBe('string');
    const me = await c.json('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ user: { email: ADMIN_EMAIL } });
  });

  it('marks the cookie Secure when the request came over https through a trusted proxy', async () => {
    const proxied = await startTestServer({ SWITCHYARD_TRUST_PROXY: 'true' });
    try {
      const res = await proxied
        .client()
        .json('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { 'x-forwarded-proto': 'https' });
      expect(res.status).toBe(200);
      expect(res.headers.getSetCookie().join()).toMatch(/Secure/);
    } finally {
      await proxied.close();
    }
  });

  it('gives one uniform error for an unknown email and for a wrong password', async () => {
    const unknown = await ts.client().json('POST', '/api/v1/auth/login', { email: 'nobody@example.test', password: 'whatever' });
    const wrong = await ts.client().json('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL, password: 'wrong password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error).toEqual({ code: 'invalid_credentials', message: 'Email or password is incorrect' });
  });

  it('rate-limits failed logins per account with 429 and Retry-After, and a success resets it', async () => {
    const email = 'limited@example.test';
    await ts.member('viewer', email);
    for (let i = 0; i < 3; i++) {
      expect((await ts.client().json('POST', '/api/v1/auth/login', { email, password: 'nope' })).status).toBe(401);
    }
    const limited = await ts.client().json('POST', '/api/v1/auth/login', { email, password: 'member password 123' });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(limited.body.error?.code).toBe('rate_limited');
    // The window passes; the right password then works.
    clock += 16 * 60_000;
    expect((await ts.client().json('POST', '/api/v1/auth/login', { email, password: 'member password 123' })).status).toBe(200);
  });

  it('rate-limits per IP across accounts', async () => {
    const limitedIp = await startTestServer({ SWITCHYARD_LOGIN_MAX_FAILURES_PER_IP: '2' });
    try {
      const c = limitedIp.client();
      await c.json('POST', '/api/v1/auth/login', { email: 'a@example.test', password: 'x' });
      await c.json('POST', '/api/v1/auth/login', { email: 'b@example.test', password: 'x' });
      const res = await c.json('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(res.status).toBe(429);
    } finally {
      await limitedIp.close();
    }
  });
});

describe('sessions', () => {
  it('logout revokes the session server-side, so a copied cookie stops working', async () => {
    const c = await ts.admin();
    const stolen = c.cookie!;
    expect((await c.json('POST', '/api/v1/auth/logout')).status).toBe(204);
    const replay = await ts.client().json('GET', '/api/v1/auth/me', undefined, { cookie: stolen });
    expect(replay.status).toBe(401);
    expect(replay.body.error?.code).toBe('session_expired');
  });

  it('expires sessions after the configured lifetime', async () => {
    const c = await ts.admin();
    clock += 61 * 60_000;
    const res = await c.json('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'session_expired', message: 'Your session has expired. Log in again.' });
  });

  it('lists sessions and revokes another one', async () => {
    const a = await ts.admin();
    const b = await ts.admin();
    const list = await a.json('GET', '/api/v1/auth/sessions');
    const sessions = list.body.sessions as { id: string; current: boolean }[];
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const other = sessions.find((s) => !s.current)!;
    await b.json('GET', '/api/v1/auth/me');
    // Revoke every other session, then b must be logged out.
    for (const s of sessions.filter((s) => !s.current)) {
      expect((await a.json('DELETE', `/api/v1/auth/sessions/${s.id}`)).status).toBe(204);
    }
    expect((await b.json('GET', '/api/v1/auth/me')).status).toBe(401);
    expect((await a.json('DELETE', `/api/v1/auth/sessions/${other.id}`)).status).toBe(404);
  });

  it('a stale or forged cookie never blocks logging in again, and is cleared', async () => {
    const c = await ts.admin();
    await c.json('POST', '/api/v1/auth/logout');
    for (const cookie of [c.cookie ?? 'switchyard_session=revoked', 'switchyard_session=forged']) {
      const res = await ts.client().json('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }, { cookie });
      expect(res.status).toBe(200);
    }
    const stale = await ts.admin();
    const staleCookie = stale.cookie!;
    await stale.json('POST', '/api/v1/auth/logout');
    const res = await ts.client().json('POST', '/api/v1/auth/login', { email: 'x@example.test', password: 'wrong' }, { cookie: staleCookie });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('invalid_credentials');
  });

  it('rejects a forged session cookie', async () => {
    const res = await ts.client().json('GET', '/api/v1/auth/me', undefined, { cookie: 'switchyard_session=forged' });
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('unauthenticated');
  });

  it('requires authentication', async () => {
    const res = await ts.client().json('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error?.code).toBe('unauthenticated');
  });
});

describe('CSRF', () => {
  it('rejects a cookie-authenticated write with a missing or forged token', async () => {
    const c = await ts.admin();
    const missing = await c.json('POST', '/api/v1/orgs/acme/invitations', { email: 'x@example.test', role: 'viewer' }, { 'x-csrf-token': '' });
    expect(missing.status).toBe(403);
    expect(missing.body.error?.code).toBe('csrf_failed');
    const forged = await c.json('POST', '/api/v1/orgs/acme/invitations', { email: 'x@example.test', role: 'viewer' }, { 'x-csrf-token': 'forged-token-value' });
    expect(forged.status).toBe(403);
    expect(forged.body.error?.code).toBe('csrf_failed');
    const ok = await c.json('POST', '/api/v1/orgs/acme/invitations', { email: 'x@example.test', role: 'viewer' });
    expect(ok.status).toBe(201);
  });

  it('does not accept the token of another session', async () => {
    const a = await ts.admin();
    const b = await ts.admin();
    const res = await a.json('DELETE', `/api/v1/orgs/acme/api-keys/00000000-0000-4000-8000-000000000000`, undefined, { 'x-csrf-token': b.csrf! });
    expect(res.status).toBe(403);
  });

  it('refuses form-encoded and text bodies, which a cross-site form could send', async () => {
    const c = await ts.admin();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await c.raw('POST', '/api/v1/auth/login', { body: 'email=a&password=b', headers: { 'content-type': type } });
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe('unsupported_media_type');
    }
  });
});
