import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestServer, type TestServer } from '../../testing/test-server.ts';
import { startTestIdp, type TestIdp, type TestIdpAccount } from '../../testing/test-idp.ts';
import { TestBrowser, type Page } from '../../testing/test-browser.ts';
import { TestClient } from '../../testing/test-client.ts';

// Each pair is a control plane on its own database plus an IdP; on a busy machine starting
// one takes longer than the default hook timeout.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const CLIENT_ID = 'switchyard-test';
const CLIENT_SECRET = 'switchyard test client secret';
const ROLE_MAP = 'switchyard-admins:admin,switchyard-developers:developer';

const accounts = (): TestIdpAccount[] => [
  { login: 'ada', email: 'Ada@Example.test', emailVerified: true, name: 'Ada Lovelace', groups: ['switchyard-developers'] },
  { login: 'unverified', email: 'unverified@example.test', emailVerified: false, name: 'Not Verified' },
  { login: 'no-email', name: 'No Email', groups: ['switchyard-admins'] },
  { login: 'first-admin', email: ADMIN_EMAIL, emailVerified: true, name: 'Admin', groups: ['switchyard-developers'] },
];

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Pair {
  idp: TestIdp;
  ts: TestServer;
  close(): Promise<void>;
}

/** A control plane and the IdP it trusts, each knowing the other's URL. */
async function startPair(env: Record<string, string> = {}): Promise<Pair> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const idp = await startTestIdp({
    client: {
      clientId: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      redirectUris: [`${base}/api/v1/auth/oidc/callback`],
      postLogoutRedirectUris: [`${base}/login`],
    },
    accounts: accounts(),
  });
  const ts = await startTestServer(
    {
      PUBLIC_URL: base,
      SWITCHYARD_OIDC_ISSUER: idp.issuer,
      SWITCHYARD_OIDC_CLIENT_ID: CLIENT_ID,
      SWITCHYARD_OIDC_CLIENT_SECRET: CLIENT_SECRET,
      SWITCHYARD_OIDC_ROLE_CLAIM: 'groups',
      SWITCHYARD_OIDC_ROLE_MAP: ROLE_MAP,
      ...env,
    },
    { port },
  );
  return { idp, ts, close: async () => void (await Promise.all([ts.close(), idp.close()])) };
}

let pair: Pair;
beforeAll(async () => {
  pair = await startPair();
});
afterAll(() => pair?.close());

/** From the studio's "Log in with SSO" through the IdP's real login and consent pages. */
async function ssoLogin(
  browser: TestBrowser,
  login: string,
  opts: { consent?: boolean; returnTo?: string; on?: Pair } = {},
): Promise<Page> {
  const { ts, idp } = opts.on ?? pair;
  const start = `${ts.url}/api/v1/auth/oidc/login${opts.returnTo ? `?returnTo=${encodeURIComponent(opts.returnTo)}` : ''}`;
  const loginPage = await browser.navigate(start);
  expect(loginPage.url.origin, 'the IdP login page').toBe(idp.issuer);
  expect(loginPage.html).toContain('name="login"');
  const next = await browser.submit(loginPage, { login, password: 'any password' });
  if (next.url.origin !== idp.issuer) return next;
  expect(next.html).toContain('Continue');
  return opts.consent === false ? browser.follow(next, 'Cancel') : browser.submit(next, {});
}

/** A TestClient on the session the browser holds, for the API calls the studio makes next. */
async function clientOf(browser: TestBrowser, ts: TestServer = pair.ts): Promise<TestClient> {
  const c = new TestClient(ts.url);
  const session = browser.cookie(ts.url, 'switchyard_session');
  expect(session, 'a session cookie').toBeDefined();
  c.cookie = `switchyard_session=${session}`;
  await c.refreshCsrf();
  return c;
}

async function counts(ts: TestServer = pair.ts) {
  const one = async (table: string) =>
    Number(((await ts.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  return { users: await one('users'), sessions: await one('sessions'), identities: await one('oidc_identities'), memberships: await one('memberships') };
}

async function auditActions(ts: TestServer = pair.ts) {
  const admin = await ts.admin();
  const res = await admin.json('GET', '/api/v1/orgs/acme/audit-log?limit=200');
  return (res.body.entries as { action: string; resourceName: string; details: Record<string, unknown>; actor: { label: string } }[]).reverse();
}

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

describe('SSO failures return to the login page and create nothing', () => {
  async function expectFailure(run: () => Promise<Page>, code: string, ts: TestServer = pair.ts) {
    const before = await counts(ts);
    const page = await run();
    expect(page.url.toString()).toBe(`${ts.url}/login?sso_error=${code}`);
    expect(await counts(ts)).toEqual(before);
  }

  it('an unverified email', async () => {
    await expectFailure(() => ssoLogin(new TestBrowser(), 'unverified'), 'email_unverified');
  });

  it('an email missing from the claims', async () => {
    await expectFailure(() => ssoLogin(new TestBrowser(), 'no-email'), 'email_missing');
  });

  it('refused consent (access_denied)', async () => {
    await expectFailure(() => ssoLogin(new TestBrowser(), 'ada', { consent: false }), 'access_denied');
  });

  it('a wrong state, a state from another browser, and a replayed callback', async () => {
    const browser = new TestBrowser();
    browser.stopBefore = (url) => url.pathname === '/api/v1/auth/oidc/callback';
    const callback = (await ssoLogin(browser, 'ada')).url;
    browser.stopBefore = undefined;

    const forged = new URL(callback);
    forged.searchParams.set('state', 'forged-state-value');
    await expectFailure(() => browser.navigate(forged.toString()), 'state_mismatch');
    // The real callback in a browser that did not start the login (login CSRF).
    await expectFailure(() => new TestBrowser().navigate(callback.toString()), 'state_mismatch');

    const fresh = new TestBrowser();
    fresh.stopBefore = (url) => url.pathname === '/api/v1/auth/oidc/callback';
    const good = (await ssoLogin(fresh, 'ada')).url;
    fresh.stopBefore = undefined;
    const state = fresh.cookie(pair.ts.url, 'switchyard_oidc_state')!;
    expect((await fresh.navigate(good.toString())).url.pathname).toBe('/');
    fresh.setCookie(pair.ts.url, 'switchyard_oidc_state', state);
    await expectFailure(() => fresh.navigate(good.toString()), 'state_mismatch');
  });

  it('a wrong nonce in the ID token', async () => {
    const browser = new TestBrowser();
    browser.stopBefore = (url) => url.pathname === '/api/v1/auth/oidc/callback';
    const callback = (await ssoLogin(browser, 'ada')).url;
    browser.stopBefore = undefined;
    // The IdP signed the nonce it was sent; the one we expect no longer matches it.
    await pair.ts.database.db.execute(sql`UPDATE oidc_pending_logins SET nonce = 'not-the-nonce-that-was-sent'`);
    await expectFailure(() => browser.navigate(callback.toString()), 'invalid_response');
  });

  describe('an IdP that is down', () => {
    let down: Pair;
    beforeAll(async () => {
      down = await startPair();
    });
    afterAll(() => down?.close());

    it('before the code is exchanged', async () => {
      const browser = new TestBrowser();
      browser.stopBefore = (url) => url.pathname === '/api/v1/auth/oidc/callback';
      const callback = (await ssoLogin(browser, 'ada', { on: down })).url;
      browser.stopBefore = undefined;
      await down.idp.close();
      await expectFailure(() => browser.navigate(callback.toString()), 'idp_unreachable', down.ts);
    });

    it('when the login starts', async () => {
      await expectFailure(() => new TestBrowser().navigate(`${down.ts.url}/api/v1/auth/oidc/login`), 'idp_unreachable', down.ts);
    });
  });
});

describe('SSO logout', () => {
  it('an IdP session logs the browser straight back in, without its login page', async () => {
    const browser = new TestBrowser();
    await ssoLogin(browser, 'ada');
    const again = await browser.navigate(`${pair.ts.url}/api/v1/auth/oidc/login`);
    expect(again.url.toString()).toBe(`${pair.ts.url}/`);
  });

  it('ends the session and, through end_session_endpoint with id_token_hint, the IdP session', async () => {
    const browser = new TestBrowser();
    await ssoLogin(browser, 'ada');
    const c = await clientOf(browser);
    const cookie = c.cookie!;
    const out = await c.json('POST', '/api/v1/auth/logout');
    expect(out.status).toBe(200);
    const endSession = new URL(out.body.endSessionUrl as string);
    expect(endSession.origin).toBe(pair.idp.issuer);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${pair.ts.url}/login`);
    expect(endSession.searchParams.get('id_token_hint')?.split('.')).toHaveLength(3);
    expect((await c.json('GET', '/api/v1/auth/me', undefined, { cookie })).body.error?.code).toBe('session_expired');

    const confirm = await browser.navigate(endSession.toString());
    expect(confirm.html).toContain('Yes, sign me out');
    const back = await browser.submit(confirm, { logout: 'yes' });
    expect(back.url.toString()).toBe(`${pair.ts.url}/login`);
    // The IdP forgot the person: the next SSO login asks for the login again.
    const next = await browser.navigate(`${pair.ts.url}/api/v1/auth/oidc/login`);
    expect(next.url.origin).toBe(pair.idp.issuer);
    expect(next.html).toContain('name="login"');
  });

  it('a password session still logs out with 204', async () => {
    const admin = await pair.ts.admin();
    expect((await admin.json('POST', '/api/v1/auth/logout')).status).toBe(204);
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
