import { expect, test } from '@playwright/test';
import { ORG } from './support/accounts.ts';
import { createMember } from './support/api.ts';
import { logIn } from './support/ui.ts';
import { openPanel, playgroundUrl, responseText, runUntilAnswered } from './support/playground.ts';

test('an operation saved by one member opens for another, from the collection and from its link', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const developer = await createMember(baseURL!, 'developer', 'saver');
  const viewer = await createMember(baseURL!, 'viewer', 'opener');
  const collection = `Checkout ${Date.now().toString(36)}`;
  const name = `Top products ${Date.now().toString(36)}`;

  const devContext = await browser.newContext({ baseURL });
  const dev = await devContext.newPage();
  await logIn(dev, developer);
  await dev.goto(
    playgroundUrl(ORG, {
      query: 'query SavedUser { user(id: "2") { name } }',
      variables: '{"unused": true}',
      headers: '{"x-tenant": "{{tenant}}"}',
    }),
  );
  await expect(dev.locator('.graphiql-tab').first()).toContainText('SavedUser');
  await openPanel(dev, 'Collections');
  const panel = dev.getByTestId('collections-panel');
  await panel.getByLabel('Operation name').fill(name);
  await panel.getByLabel('New collection name').fill(collection);
  await panel.getByRole('button', { name: 'Save operation' }).click();
  await expect(panel.getByTestId('collection').filter({ hasText: collection })).toContainText(name);
  await devContext.close();

  const viewContext = await browser.newContext({ baseURL });
  const page = await viewContext.newPage();
  await logIn(page, viewer);
  await page.goto(`/o/${ORG}/playground?graph=default/demo`);
  await expect(page.locator('.graphiql-tab').first()).toContainText('Starter');
  await openPanel(page, 'Collections');
  const viewerPanel = page.getByTestId('collections-panel');
  // A viewer opens, but is offered no changes.
  await expect(viewerPanel.getByRole('button', { name: 'Save operation' })).toHaveCount(0);
  await expect(viewerPanel.getByRole('button', { name: `Delete ${name}` })).toHaveCount(0);
  await viewerPanel.getByRole('button', { name, exact: true }).click();
  await expect(page.locator('.graphiql-tab').first()).toContainText('SavedUser');
  // The saved header is a template; the viewer fills it from their own environment (an unknown
  // {{name}} stops the request, by design).
  await openPanel(page, 'Environment');
  const env = page.getByTestId('environment-panel');
  await env.getByLabel('Personal variable name').fill('tenant');
  await env.getByLabel('Personal variable value').fill('acme');
  await env.getByRole('button', { name: 'Add' }).click();
  await expect(env.getByTestId('personal-value')).toContainText('tenant');
  await runUntilAnswered(page);
  await expect(responseText(page)).toContainText('Alan Turing');
  // Its headers come along, the template intact (the page keeps the editors' state in the URL).
  await expect.poll(() => Buffer.from(new URL(page.url()).searchParams.get('headers') ?? '', 'base64url').toString('utf8')).toContain('{{tenant}}');

  // The operation's own link opens it too.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await openPanel(page, 'Collections');
  await viewerPanel.getByRole('button', { name: `Copy link to ${name}` }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/operation=[0-9a-f-]{36}/);
  const other = await viewContext.newPage();
  await other.goto(link);
  await expect(other.locator('.graphiql-tab').first()).toContainText('SavedUser');
  await viewContext.close();
});
