import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { logIn } from './support/ui.ts';
import { openPanel, queryEditorText, responseText, runUntilAnswered, typeQuery } from './support/playground.ts';

test('a new tab starts from a query built from the schema, not __typename', async ({ page }) => {
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await expect.poll(() => queryEditorText(page)).toContain('query Starter');
  const text = await queryEditorText(page);
  expect(text).toContain('topProducts');
  expect(text).not.toContain('__typename');
  await runUntilAnswered(page);
  await expect(responseText(page)).toContainText('"topProducts"');
  await expect(responseText(page)).not.toContainText('"errors"');
});

test('the trace waterfall shows one bar per subgraph call of the demo three-subgraph query', async ({ page }) => {
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
