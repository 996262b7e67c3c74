import { describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer } from '../../testing/test-server.ts';
import { TestBrowser } from '../../testing/test-browser.ts';
import { auditActions, CLIENT_ID, clientOf, ssoLogin, startPair, useOidcPair } from '../../testing/oidc-pair.ts';

// Each pair is a control plane on its own database plus an IdP; on a busy machine starting
// one takes longer than the default hook timeout.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const pair = useOidcPair();

describe('SSO login', () => {
  it('tells the login page which methods exist', async () => {
    const res = await pair.ts.client().json('GET', '/api/v1/auth/providers');
    expect(res.body).toEqual({ password: true, sso: { loginPath: '/api/v1/auth/oidc/login' } });
    const plain = await startTestServer();
    try {
      expect((await plain.client().json('GET', '/api/v1/auth/providers')).body).toEqual({ password: true, sso: null });
      const page = await new TestBrowser().navigate(`${plain.url}/api/v1/auth/oidc/login`);
      expect(page.url.pathname + page.url.search).toBe('/login?sso_error=not_configured');
    } finally {
      await plain.close();
    }
  });

  it('sends PKCE, state and nonce to the IdP and binds the state to the browser by cookie', async () => {
    const browser = new TestBrowser();
    const res = await browser.request(`${pair.ts.url}/api/v1/auth/oidc/login`);
    expect(res.status).toBe(302);
    const to = new URL(res.headers.get('location')!);
    expect(to.origin).toBe(pair.idp.issuer);
    expect(Object.fromEntries(to.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: `${pair.ts.url}/api/v1/auth/oidc/callback`,
      scope: 'openid email profile groups',
      code_challenge_method: 'S256',
    });
    expect(to.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(to.searchParams.get('nonce')).toBeTruthy();
    expect(browser.cookie(pair.ts.url, 'switchyard_oidc_state')).toBe(to.searchParams.get('state'));
    expect(res.headers.getSetCookie().join()).toMatch(/switchyard_oidc_state=.*HttpOnly/i);
  });

  it('creates the user on first login from the verified email and name, with the role of their groups', async () => {
    const browser = new TestBrowser();
    const landed = await ssoLogin(browser, 'ada', { returnTo: '/o/acme/graphs' });
    expect(landed.url.toString()).toBe(`${pair.ts.url}/o/acme/graphs`);

    const c = await clientOf(browser);
    const me = await c.json('GET', '/api/v1/auth/me');
    expect(me.body).toMatchObject({
      user: { email: 'ada@example.test', name: 'Ada Lovelace' },
      organizations: [{ slug: 'acme', role: 'developer' }],
      via: 'session',
    });
    // CSRF as for password sessions: a write without the token is refused.
    const noToken = await c.json('DELETE', '/api/v1/auth/sessions/00000000-0000-4000-8000-000000000000', undefined, { 'x-csrf-token': '' });
    expect(noToken.body.error?.code).toBe('csrf_failed');
    expect((await c.json('DELETE', '/api/v1/auth/sessions/00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const actions = (await auditActions()).filter((e) => e.resourceName === 'ada@example.test');
    expect(actions.map((e) => e.action)).toEqual(['member.sso_user_created', 'member.sso_linked', 'member.added', 'member.sso_login']);
    expect(actions.at(-1)).toMatchObject({ actor: { label: 'ada@example.test' }, details: { issuer: pair.idp.issuer, subject: 'ada', role: 'developer' } });
  });

  it('first logins of one new person at the same moment make one user, and every one of them succeeds', async () => {
    pair.idp.accounts.set('twin', { login: 'twin', email: 'twin@example.test', emailVerified: true, name: 'Twin', groups: ['switchyard-developers'] });
    // Each browser goes through the IdP up to our callback; then all callbacks arrive at once,
    // as when someone double-clicks "Log in with SSO" or opens two tabs. PGlite runs one
    // transaction at a time, so the race shows on the postgres project (DATABASE_URL set).
    const browsers = [1, 2, 3, 4].map(() => new TestBrowser());
    const callbacks: URL[] = [];
    for (const browser of browsers) {
      browser.stopBefore = (url) => url.pathname === '/api/v1/auth/oidc/callback';
      callbacks.push((await ssoLogin(browser, 'twin', { returnTo: '/o/acme/graphs' })).url);
      browser.stopBefore = undefined;
    }
    const landed = await Promise.all(browsers.map((browser, i) => browser.navigate(callbacks[i]!.toString())));
    for (const page of landed) expect(page.url.toString()).toBe(`${pair.ts.url}/o/acme/graphs`);

    const rows = async (query: ReturnType<typeof sql>) =>
      ((await pair.ts.database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
    const users = await rows(sql`SELECT id FROM users WHERE email = 'twin@example.test'`);
    expect(users).toHaveLength(1);
    expect(await rows(sql`SELECT subject FROM oidc_identities WHERE user_id = ${users[0]!.id}`)).toEqual([{ subject: 'twin' }]);
    expect(await rows(sql`SELECT role FROM memberships WHERE user_id = ${users[0]!.id}`)).toEqual([{ role: 'developer' }]);
    const actions = (await auditActions()).filter((e) => e.resourceName === 'twin@example.test').map((e) => e.action);
    expect(actions.filter((a) => a !== 'member.sso_login')).toEqual(['member.sso_user_created', 'member.sso_linked', 'member.added']);
    expect(actions.filter((a) => a === 'member.sso_login')).toHaveLength(4);
    for (const browser of browsers) {
      const me = await (await clientOf(browser)).json('GET', '/api/v1/auth/me');
      expect(me.body).toMatchObject({ user: { email: 'twin@example.test' } });
    }
  });

  it('re-applies the group mapping at each login, and the default role when no group maps', async () => {
    const ada = pair.idp.accounts.get('ada')!;
    ada.groups = ['switchyard-developers', 'switchyard-admins'];
    const promoted = new TestBrowser();
    await ssoLogin(promoted, 'ada');
    expect((await (await clientOf(promoted)).json('GET', '/api/v1/auth/me')).body.organizations).toMatchObject([{ role: 'admin' }]);

    ada.groups = ['marketing'];
    const demoted = new TestBrowser();
    await ssoLogin(demoted, 'ada');
    expect((await (await clientOf(demoted)).json('GET', '/api/v1/auth/me')).body.organizations).toMatchObject([{ role: 'viewer' }]);

    const changes = (await auditActions()).filter((e) => e.action === 'member.role_changed' && e.resourceName === 'ada@example.test');
    expect(changes.map((e) => e.details)).toEqual([
      { from: 'developer', to: 'admin', source: 'sso' },
      { from: 'admin', to: 'viewer', source: 'sso' },
    ]);
    ada.groups = ['switchyard-developers'];
  });

  it('links a verified email to the existing account, which keeps its password', async () => {
    const email = 'linked@example.test';
    const member = await pair.ts.member('viewer', email);
    const before = (await member.json('GET', '/api/v1/auth/me')).body as { user: { id: string } };
    pair.idp.accounts.set('linked', { login: 'linked', email, emailVerified: true, name: 'Linked', groups: ['switchyard-developers'] });

    const browser = new TestBrowser();
    await ssoLogin(browser, 'linked');
    const me = (await (await clientOf(browser)).json('GET', '/api/v1/auth/me')).body;
    expect(me).toMatchObject({ user: { id: before.user.id, email }, organizations: [{ role: 'developer' }] });
    const identity = await pair.ts.database.db.execute(sql`SELECT issuer, subject FROM oidc_identities WHERE user_id = ${before.user.id}`);
    expect((identity as unknown as { rows: unknown[] }).rows).toEqual([{ issuer: pair.idp.issuer, subject: 'linked' }]);
    expect((await pair.ts.client().json('POST', '/api/v1/auth/login', { email, password: 'member password 123' })).status).toBe(200);

    // The link is by issuer and subject from now on: a changed email at the IdP still finds the account.
    pair.idp.accounts.get('linked')!.email = 'renamed@example.test';
    const again = new TestBrowser();
    await ssoLogin(again, 'linked');
    expect((await (await clientOf(again)).json('GET', '/api/v1/auth/me')).body).toMatchObject({ user: { id: before.user.id } });
  });

  it('never demotes the last admin, and records that it did not', async () => {
    const browser = new TestBrowser();
    await ssoLogin(browser, 'first-admin');
    const me = (await (await clientOf(browser)).json('GET', '/api/v1/auth/me')).body;
    expect(me).toMatchObject({ user: { email: ADMIN_EMAIL }, organizations: [{ role: 'admin' }] });
    const refused = (await auditActions()).filter((e) => e.action === 'member.role_change_refused');
    expect(refused.at(-1)).toMatchObject({ resourceName: ADMIN_EMAIL, details: { from: 'admin', to: 'developer', reason: 'last admin' } });
  });
});

describe('password login turned off', () => {
  it('hides password login, refuses it, and leaves the first admin a way back in', async () => {
    const off = await startPair({ SWITCHYARD_PASSWORD_LOGIN: 'false', SWITCHYARD_ADMIN_EMAIL: ADMIN_EMAIL });
    try {
      expect((await off.ts.client().json('GET', '/api/v1/auth/providers')).body).toEqual({
        password: false,
        sso: { loginPath: '/api/v1/auth/oidc/login' },
      });
      const email = 'someone@example.test';
      await off.ts.member('viewer', email);
      const refused = await off.ts.client().json('POST', '/api/v1/auth/login', { email, password: 'member password 123' });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toEqual({ code: 'password_login_disabled', message: 'Password login is turned off here. Log in with SSO.' });
      // Recovery: the first admin (SWITCHYARD_ADMIN_EMAIL) keeps password login.
      expect((await off.ts.client().json('POST', '/api/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).status).toBe(200);
    } finally {
      await off.close();
    }
  });
});
