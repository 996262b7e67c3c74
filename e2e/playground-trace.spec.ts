import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { logIn } from './support/ui.ts';
import { openPanel, responseText, runUntilAnswered, typeQuery } from './support/playground.ts';

test('a new tab starts from a query built from the schema, not __typename', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  // The tab is named after the starter operation; running it answers with real data.
  await expect(page.locator('.graphiql-tab').first()).toContainText('Starter');
  await runUntilAnswered(page);
  await expect(responseText(page)).toContainText('"topProducts"');
  await expect(responseText(page)).toContainText('"username"');
  await expect(responseText(page)).not.toContainText('__typename');
  await expect(responseText(page)).not.toContainText('"errors"');
});

test('the trace waterfall shows one bar per subgraph call of the demo three-subgraph query', async ({ page }) => {
  test.setTimeout(180_000);
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await typeQuery(page, '{ topProducts(first: 2) { name reviews { body author { name } } } }');
  await runUntilAnswered(page);
  await expect(responseText(page)).toContainText('"author"');

  await openPanel(page, 'Trace');
  const bars = page.getByTestId('waterfall-bar');
  await expect(bars).toHaveCount(3);
  expect(await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-subgraph')))).toEqual(['products', 'reviews', 'accounts']);
  await expect(bars.nth(1)).toContainText(/\d+\.\d ms/);
  await expect(bars.nth(1)).toContainText('2 entities');

  await bars.nth(2).click();
  await expect(page.getByTestId('waterfall-query')).toContainText('_entities');
  await expect(page.getByTestId('waterfall-query')).toContainText('name');
});
