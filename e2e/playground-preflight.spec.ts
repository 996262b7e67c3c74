import { expect, test, type Page } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { apiLogin, type ApiSession } from './support/api.ts';
import { logIn } from './support/ui.ts';
import { openPanel, playgroundUrl, responseText, runUntilServedBy } from './support/playground.ts';
import { startTokenServer, whoamiField, type TokenServer } from './support/token-server.ts';

// The ports 5590-5599 are this spec's own; the stack itself runs on SWITCHYARD_E2E_PORT.
const TOKEN_PORT = 5590;
const demo = `/api/v1/orgs/${ORG}/namespaces/default`;
const preflightPath = `${demo}/graphs/demo/playground/preflight`;

async function setScript(page: Page, script: string) {
  await openPanel(page, 'Preflight script');
  const panel = page.getByTestId('preflight-panel');
  await panel.getByLabel('Preflight script', { exact: true }).fill(script);
  await panel.getByRole('button', { name: 'Save script' }).click();
  await expect(panel.getByRole('button', { name: 'Save script' })).toBeDisabled();
}

/** The preflight script is the demo graph's, shared by every test: leave none behind. */
async function clearScript(owner: ApiSession) {
  await owner.api.put(preflightPath, { data: { script: '' }, headers: { 'x-csrf-token': owner.csrfToken } });
}

test.describe.configure({ mode: 'serial' });

test('a preflight script fetches a token and sets Authorization, and a subgraph sees it', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const server: TokenServer = await startTokenServer(TOKEN_PORT, 'tok-e2e-123');
  const owner = await apiLogin(baseURL!, admin);
  const flag = `auth-${Date.now().toString(36)}`;
  try {
    // A flag of the demo graph whose accounts subgraph is the test server: its SDL adds `whoami`.
    const created = await owner.api.post(`${demo}/graphs/demo/feature-flags`, { data: { name: flag }, headers: { 'x-csrf-token': owner.csrfToken } });
    expect(created.status(), await created.text()).toBe(201);
    const version = ((await created.json()) as { featureFlag: { version: number } }).featureFlag.version;
    const accounts = (await (await owner.api.get(`${demo}/subgraphs/accounts/schema`)).json()) as { sdl: string };
    const sdl = accounts.sdl.replace(/type Query \{/, `type Query {\n  ${whoamiField}`);
    const swapped = await owner.api.put(`${demo}/feature-flags/${flag}/subgraphs/accounts`, {
      data: { expectedVersion: version, swap: { kind: 'url', routingUrl: `${server.url}/graphql`, sdl } },
      headers: { 'x-csrf-token': owner.csrfToken },
    });
    expect(swapped.status(), await swapped.text()).toBe(200);

    const { routingUrl: routerUrl } = (await (await owner.api.get(`${demo}/graphs/demo`)).json()) as { routingUrl: string };
    await logIn(page, admin);
    await page.goto(playgroundUrl(ORG, { flag, query: '{ whoami }' }));
    await setScript(
      page,
      [
        `const res = await lab.fetch('${server.url}/token', { credentials: 'include' });`,
        'const body = await res.json();',
        "if (body.leakedCookie) throw new Error('the studio cookie reached the token endpoint');",
        "lab.environment.set('token', body.access_token);",
        "lab.request.headers.set('Authorization', 'Bearer ' + lab.environment.get('token'));",
        "console.log('token hash', await lab.crypto.sha256(body.access_token));",
      ].join('\n'),
    );
    // The router serves the flag a moment after the swap; wait for that outside the page.
    await expect(async () => {
      const res = await page.request.post(routerUrl, { data: { query: '{ __typename }' }, headers: { 'x-feature-flag': flag } });
      expect(res.headers()['x-switchyard-served-by']).toBe(`flag:${flag}`);
    }).toPass({ timeout: 60_000 });
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect(responseText(page)).toContainText('"whoami": "Bearer tok-e2e-123"');
    await expect(page.getByTestId('served-by')).toHaveText(`served by flag:${flag}`);
    expect(server.seenAuthorization.at(-1)).toBe('Bearer tok-e2e-123');
    expect(server.tokenRequests).toBeGreaterThan(0);
    await expect(page.getByTestId('preflight-console')).toContainText(/token hash [0-9a-f]{64}/);
    // The token the script set is a personal, secret value now.
    await openPanel(page, 'Environment');
    await expect(page.getByTestId('personal-value').filter({ hasText: 'token' })).toContainText('secret');
  } finally {
    await clearScript(owner);
    await owner.api.delete(`${demo}/feature-flags/${flag}`, { headers: { 'x-csrf-token': owner.csrfToken } });
    await owner.api.dispose();
    await server.close();
  }
});

test('a failing or hanging preflight script stops the request with a clear message', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const owner = await apiLogin(baseURL!, admin);
  try {
    await logIn(page, admin);
    await page.goto(playgroundUrl(ORG, { query: '{ topProducts { upc } }' }));
    await setScript(page, "console.log('about to fail');\nthrow new Error('no token today');");
    let routerCalls = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && /:\d+\/graphql$/.test(r.url())) routerCalls++;
    });
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect(responseText(page)).toContainText('The preflight script failed: Error: no token today The request was not sent.');
    await expect(page.getByTestId('run-status')).toHaveText('not sent');
    await expect(page.getByTestId('preflight-error')).toContainText('no token today');
    await expect(page.getByTestId('preflight-console')).toContainText('about to fail');

    // The script cannot reach the studio's storage from its worker.
    await page.getByTestId('preflight-panel').getByLabel('Preflight script', { exact: true }).fill(
      "if (typeof indexedDB !== 'undefined' || typeof caches !== 'undefined' || typeof XMLHttpRequest !== 'undefined') throw new Error('storage reachable');\nawait new Promise(() => {});",
    );
    await page.getByTestId('preflight-panel').getByRole('button', { name: 'Save script' }).click();
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect(responseText(page)).toContainText('did not finish within 5 s and was stopped');
    expect(routerCalls).toBe(0);

    // Switched off (per person), the script is skipped and the request goes out.
    await page.getByLabel('Run the preflight script before each request').uncheck();
    await runUntilServedBy(page, 'base');
    await expect(responseText(page)).toContainText('"upc"');
  } finally {
    await clearScript(owner);
    await owner.api.dispose();
  }
});
