import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { apiLogin, createMember } from './support/api.ts';
import { logIn, toasts } from './support/ui.ts';

const NS = 'default';

test("a developer edits a graph's header rules in its settings; a viewer reads them", async ({ page, baseURL }) => {
  test.slow(); // three people log in
  const graph = `headers-${Date.now().toString(36)}`;
  const owner = await apiLogin(baseURL!, admin);
  const created = await owner.api.post(`/api/v1/orgs/${ORG}/namespaces/${NS}/graphs`, {
    data: { name: graph, routingUrl: 'http://127.0.0.1:3002/graphql', labelMatchers: [`team=${graph}`] },
    headers: { 'x-csrf-token': owner.csrfToken },
  });
  expect(created.status(), await created.text()).toBe(201);

  const developer = await createMember(baseURL!, 'developer');
  await logIn(page, developer);
  await page.goto(`/o/${ORG}/graphs/${NS}/${graph}/settings`);
  const all = page.getByRole('group', { name: 'All subgraphs' });
  // A new graph propagates Authorization.
  await expect(all.getByLabel('All subgraphs rule 1 header name')).toHaveValue('Authorization');

  await all.getByRole('button', { name: 'Rule', exact: true }).click();
  await all.getByLabel('All subgraphs rule 2 operation').click();
  await page.getByRole('option', { name: /^Set/ }).click();
  await all.getByLabel('All subgraphs rule 2 header name').fill('Host');
  await all.getByLabel('All subgraphs rule 2 value').fill('k1');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(all.getByText('Header is a header the router never forwards')).toBeVisible();

  await all.getByLabel('All subgraphs rule 2 header name').fill('X-Api-Key');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(toasts(page).filter({ hasText: 'Header rules saved' })).toBeVisible();

  const saved = await owner.api.get(`/api/v1/orgs/${ORG}/namespaces/${NS}/graphs/${graph}/header-rules`);
  expect((await saved.json()).headers.all.request).toEqual([
    { op: 'propagate', named: 'Authorization' },
    { op: 'set', name: 'X-Api-Key', value: 'k1' },
  ]);

  // Removing every rule and saving leaves the empty state, which offers the default back.
  await all.getByRole('button', { name: 'Remove All subgraphs rule 2' }).click();
  await all.getByRole('button', { name: 'Remove All subgraphs rule 1' }).click();
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByText('No client header reaches the subgraphs')).toBeVisible();
  await page.getByRole('button', { name: 'Propagate Authorization' }).click();
  await expect(all.getByLabel('All subgraphs rule 1 header name')).toHaveValue('Authorization');

  const viewer = await createMember(baseURL!, 'viewer');
  await page.context().clearCookies();
  await logIn(page, viewer);
  await page.goto(`/o/${ORG}/graphs/${NS}/${graph}/settings`);
  await expect(page.getByRole('group', { name: 'All subgraphs' }).getByLabel('All subgraphs rule 1 header name')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Save rules' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Rule', exact: true })).toHaveCount(0);
  await owner.api.dispose();
});
