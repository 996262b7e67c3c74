import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import type { TestServer } from '../../testing/test-server.ts';
import { TestBrowser, type Page } from '../../testing/test-browser.ts';
import { clientOf, counts, ssoLogin, startPair, useOidcPair, type Pair } from '../../testing/oidc-pair.ts';

// Each pair is a control plane on its own database plus an IdP; on a busy machine starting
// one takes longer than the default hook timeout.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 180_000 });

const pair = useOidcPair();

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
