import { createServer } from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { ADMIN_EMAIL, startTestServer, type TestServer } from './test-server.ts';
import { startTestIdp, type TestIdp, type TestIdpAccount } from './test-idp.ts';
import type { Page, TestBrowser } from './test-browser.ts';
import { TestClient } from './test-client.ts';

/**
 * The SSO tests' harness: a control plane and the test IdP it trusts, and the steps a browser
 * takes between them. Each SSO test file holds its own pair (useOidcPair), so the files run
 * apart; the helpers act on that pair unless given another.
 */

export const CLIENT_ID = 'switchyard-test';
export const CLIENT_SECRET = 'switchyard test client secret';
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

export interface Pair {
  idp: TestIdp;
  ts: TestServer;
  close(): Promise<void>;
}

/** A control plane and the IdP it trusts, each knowing the other's URL. */
export async function startPair(env: Record<string, string> = {}): Promise<Pair> {
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

let current: Pair | undefined;
const pair: Pair = {
  get idp() {
    return current!.idp;
  },
  get ts() {
    return current!.ts;
  },
  close: () => current?.close() ?? Promise.resolve(),
};

/** Starts this file's pair before its tests and stops it after; the returned pair reads the running one. */
export function useOidcPair(): Pair {
  beforeAll(async () => {
    current = await startPair();
  });
  afterAll(() => current?.close());
  return pair;
}

/** From the studio's "Log in with SSO" through the IdP's real login and consent pages. */
export async function ssoLogin(
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
export async function clientOf(browser: TestBrowser, ts: TestServer = pair.ts): Promise<TestClient> {
  const c = new TestClient(ts.url);
  const session = browser.cookie(ts.url, 'switchyard_session');
  expect(session, 'a session cookie').toBeDefined();
  c.cookie = `switchyard_session=${session}`;
  await c.refreshCsrf();
  return c;
}

export async function counts(ts: TestServer = pair.ts) {
  const one = async (table: string) =>
    Number(((await ts.database.db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`))) as unknown as { rows: { n: number }[] }).rows[0]!.n);
  return { users: await one('users'), sessions: await one('sessions'), identities: await one('oidc_identities'), memberships: await one('memberships') };
}

export async function auditActions(ts: TestServer = pair.ts) {
  const admin = await ts.admin();
  const res = await admin.json('GET', '/api/v1/orgs/acme/audit-log?limit=200');
  return (res.body.entries as { action: string; resourceName: string; details: Record<string, unknown>; actor: { label: string } }[]).reverse();
}
