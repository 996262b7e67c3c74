import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { logIn } from './support/ui.ts';
import { responseText, runQuery, typeQuery } from './support/playground.ts';

test('runs a query against the demo graph through the staging router and says what served it', async ({ page }) => {
  // GraphiQL and Monaco are the studio's heaviest chunk; a busy 2-core machine needs the time.
  test.setTimeout(120_000);
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await expect(page.getByTestId('router-url')).toContainText(/http:\/\/localhost:\d+/);
  await expect(page.getByLabel('Endpoint path')).toHaveAttribute('placeholder', '/graphql');
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

  // The query plan: the Rust planner's plan, next to the calls the router made with their timings.
  await page.getByRole('button', { name: 'Show Query plan' }).click();
  const planned = page.getByTestId('planned-plan');
  await expect(planned.locator('[data-plan-node="Sequence"]')).toHaveCount(1);
  await expect(planned.locator('[data-plan-node="Flatten"]')).toHaveCount(2);
  const fetches = planned.locator('[data-plan-node="Fetch"]');
  await expect(fetches).toHaveCount(3);
  await expect(fetches.nth(0)).toContainText('products');
  await expect(fetches.nth(0)).toContainText('topProducts');
  await expect(fetches.nth(1)).toContainText('reviews');
  await expect(fetches.nth(2)).toContainText('accounts');
  await expect(planned).toContainText('Flatten at topProducts.@.reviews.@.author');
  const calls = page.getByTestId('observed-calls').locator('li');
  await expect(calls).toHaveCount(3);
  await expect(calls.nth(0)).toContainText('products');
  await expect(calls.nth(1)).toContainText('reviews');
  await expect(calls.nth(2)).toContainText('accounts');
  await expect(calls.nth(2)).toContainText(/\+\d+\.\d ms, took \d+\.\d ms/);
});

test('a share link reopens the same query and target', async ({ page }) => {
  // GraphiQL and Monaco are the studio's heaviest chunk; a busy 2-core machine needs the time.
  test.setTimeout(120_000);
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
