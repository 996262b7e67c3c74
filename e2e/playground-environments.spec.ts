import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { apiLogin } from './support/api.ts';
import { logIn } from './support/ui.ts';
import { openPanel, playgroundUrl, responseText, runUntilAnswered } from './support/playground.ts';

const settingsPath = `/api/v1/orgs/${ORG}/namespaces/default/graphs/demo/playground/environment`;

test('environment values fill {{templates}} in headers and variables; a secret stays out of share links', async ({ page, baseURL }) => {
  // GraphiQL and Monaco are the studio's heaviest chunk; a busy 2-core machine needs the time.
  test.setTimeout(180_000);
  const owner = await apiLogin(baseURL!, admin);
  try {
    // A shared, non-secret value, as a developer would store it for the whole team.
    const shared = await owner.api.put(settingsPath, { data: { variables: { region: 'eu-west', first: '2' } }, headers: { 'x-csrf-token': owner.csrfToken } });
    expect(shared.status(), await shared.text()).toBe(200);

    await logIn(page, admin);
    await page.goto(
      playgroundUrl(ORG, {
        query: 'query Top($first: Int) { topProducts(first: $first) { upc } }',
        variables: '{"first": 1}',
        headers: '{"x-tenant": "{{tenant}}", "x-region": "{{region}}"}',
      }),
    );
    await openPanel(page, 'Environment');
    const panel = page.getByTestId('environment-panel');
    await expect(panel.getByLabel('Shared values')).toHaveValue(/region=eu-west/);
    await panel.getByLabel('Personal variable name').fill('tenant');
    await panel.getByLabel('Personal variable value').fill('acme-secret-tenant');
    await panel.getByRole('button', { name: 'Add' }).click();
    await expect(panel.getByTestId('personal-value')).toContainText('secret');
    await expect(panel.getByTestId('personal-value')).not.toContainText('acme-secret-tenant');

    const routerRequest = page.waitForRequest((r) => r.method() === 'POST' && /:\d+\/graphql$/.test(r.url()) && r.headers()['x-tenant'] !== undefined);
    await runUntilAnswered(page);
    const sent = await routerRequest;
    expect(sent.headers()['x-tenant']).toBe('acme-secret-tenant');
    expect(sent.headers()['x-region']).toBe('eu-west');
    await expect(responseText(page)).toContainText('"upc"');

    // The link carries the template, never the secret value.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByTestId('share-link').click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    const headers = Buffer.from(new URL(link).searchParams.get('headers')!, 'base64url').toString('utf8');
    expect(headers).toContain('{{tenant}}');
    expect(link).not.toContain(Buffer.from('acme-secret-tenant').toString('base64url'));
    expect(decodeURIComponent(link)).not.toContain('acme-secret-tenant');

    // An unknown variable stops the request and names it.
    await page.goto(playgroundUrl(ORG, { query: '{ topProducts { upc } }', headers: '{"x-key": "{{missing}}"}' }));
    await page.getByRole('button', { name: /Execute query/ }).click();
    await expect(responseText(page)).toContainText('The environment has no variable \\"missing\\" (used in the x-key header).');
    await expect(page.getByTestId('run-status')).toHaveText('not sent');
  } finally {
    await owner.api.put(settingsPath, { data: { variables: {} }, headers: { 'x-csrf-token': owner.csrfToken } });
    await owner.api.dispose();
  }
});

test('an environment value in the endpoint path reaches the router; the path stays a template in share links and survives a reload', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, admin);
  await page.goto(playgroundUrl(ORG, { query: '{ topProducts(first: 1) { upc } }' }));
  await expect(page.getByTestId('router-url')).toHaveText(/^http:\/\/localhost:\d+$/);
  const path = page.getByLabel('Endpoint path');
  await expect(path).toHaveAttribute('placeholder', '/graphql');

  await openPanel(page, 'Environment');
  const panel = page.getByTestId('environment-panel');
  await panel.getByLabel('Personal variable name').fill('tenant');
  await panel.getByLabel('Personal variable value').fill('acme-path-tenant');
  await panel.getByRole('button', { name: 'Add' }).click();
  await expect(panel.getByTestId('personal-value')).toContainText('tenant');

  await path.fill('/graphql?tenant={{tenant}}');
  const routerRequest = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/graphql?tenant='));
  await runUntilAnswered(page);
  const sent = await routerRequest;
  expect(new URL(sent.url()).pathname).toBe('/graphql');
  expect(new URL(sent.url()).searchParams.get('tenant')).toBe('acme-path-tenant');
  await expect(responseText(page)).toContainText('"upc"');

  // The link carries the template; the value is filled in only when a request is sent.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(new URL(link).searchParams.get('path')).toBe('/graphql?tenant={{tenant}}');
  expect(decodeURIComponent(link)).not.toContain('acme-path-tenant');

  // Kept per person and graph in this browser, like the other playground settings.
  await page.goto(playgroundUrl(ORG, { query: '{ topProducts(first: 1) { upc } }' }));
  await expect(page.getByLabel('Endpoint path')).toHaveValue('/graphql?tenant={{tenant}}');

  // An unknown name stops the request and says where it was used.
  await page.getByLabel('Endpoint path').fill('/graphql?tenant={{nope}}');
  await expect(page.getByLabel('Endpoint path')).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: /Execute query/ }).click();
  await expect(responseText(page)).toContainText('The environment has no variable \\"nope\\" (used in the endpoint path).');
  await expect(page.getByTestId('run-status')).toHaveText('not sent');
  await page.getByLabel('Endpoint path').fill('');
});
