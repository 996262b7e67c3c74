import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { logIn } from './support/ui.ts';
import { responseText, runQuery, typeQuery } from './support/playground.ts';

test('runs a query against the demo graph through the staging router and says what served it', async ({ page }) => {
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await expect(page.getByTestId('router-url')).toContainText(/http:\/\/localhost:\d+\/graphql/);
  await expect(page.locator('.graphiql-query-editor .monaco-editor').first()).toBeVisible();

  await typeQuery(page, '{ topProducts(first: 2) { name reviews { body author { name } } } }');
  // The router loads its first config a moment after the control plane is ready.
  await expect(async () => {
    await runQuery(page);
    await expect(page.getByTestId('served-by')).toHaveText('served by base', { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(responseText(page)).toContainText('"Table"');
  await expect(responseText(page)).toContainText('"author"');
  await expect(page.getByTestId('response-time')).toHaveText(/\d+ ms/);

  // The query plan names the subgraphs the router called.
  await page.getByRole('button', { name: 'Show Query plan' }).click();
  await expect(page.getByTestId('query-plan')).toContainText('products');
  await expect(page.getByTestId('query-plan')).toContainText('reviews');
});

test('a share link reopens the same query and target', async ({ page }) => {
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await typeQuery(page, '{ topProducts(first: 1) { upc } }');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.getByTestId('share-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toContain('graph=default%2Fdemo');

  const other = await page.context().newPage();
  await other.goto(link);
  await expect(other.locator('.graphiql-query-editor')).toContainText('topProducts(first: 1)');
});
