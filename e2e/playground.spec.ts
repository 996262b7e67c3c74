import { expect, test, type Page } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { logIn } from './support/ui.ts';

/** Replaces the query editor's text; Monaco needs focus and a select-all first. */
async function typeQuery(page: Page, query: string) {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText skips Monaco's auto-closing brackets and autocomplete, which typing would trigger.
  await page.keyboard.insertText(query);
  // An autocomplete popup would cover the Run button.
  await page.keyboard.press('Escape');
}

async function run(page: Page) {
  await page.getByRole('button', { name: /Execute query/ }).click();
}

const responseText = (page: Page) => page.locator('.graphiql-response');

test('runs a query against the demo graph through the staging router and says what served it', async ({ page }) => {
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await expect(page.getByTestId('router-url')).toContainText(/http:\/\/localhost:\d+\/graphql/);
  await expect(page.locator('.graphiql-query-editor .monaco-editor').first()).toBeVisible();

  await typeQuery(page, '{ topProducts(first: 2) { name reviews { body author { name } } } }');
  // The router loads its first config a moment after the control plane is ready.
  await expect(async () => {
    await run(page);
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
