import { expect, test, type Page } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { apiLogin, createMember } from './support/api.ts';
import { chooseOption, logIn } from './support/ui.ts';
import { responseText, runUntilServedBy, typeQuery } from './support/playground.ts';

const uniqueFlag = (label: string) => `${label}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** From the demo graph's page, through the Radix dialog, to the new flag's page. */
async function createFlagFromDemo(page: Page, name: string): Promise<void> {
  await page.goto(`/o/${ORG}/graphs/default/demo`);
  await page.getByRole('button', { name: 'Create feature flag' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Description').fill('e2e preview');
  await dialog.getByRole('button', { name: 'Create feature flag' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${ORG}/feature-flags/default/${name}\\?graph=demo`));
  await expect(page.getByTestId('flag-name')).toHaveText(name);
  await expect(page.getByTestId('flag-enabled')).toHaveText('enabled');
  // With no swaps the flag is a clone: it composes, to the same schema.
  await expect(page.getByTestId('flag-composition-status')).toContainText('composed');
  await expect(page.getByText('Same schema as the base graph')).toBeVisible();
}

/** A query straight to the demo graph's staging router, as a client (or CI) would send it. */
async function askRouter(page: Page, query: string, headers: Record<string, string> = {}) {
  const graph = await page.request.get(`/api/v1/orgs/${ORG}/namespaces/default/graphs/demo`);
  const { routingUrl } = (await graph.json()) as { routingUrl: string };
  const res = await page.request.post(routingUrl, { data: { query }, headers: { 'content-type': 'application/json', ...headers } });
  return { servedBy: res.headers()['x-switchyard-served-by'], body: (await res.json()) as { data?: unknown; errors?: { message: string }[] } };
}

function subgraphRow(page: Page, name: string) {
  return page.locator(`[data-testid="flag-subgraph-row"][data-subgraph="${name}"]`);
}

test('clone the demo graph into a flag, swap reviews for a mock with a new field, see the diff and query it in the playground', async ({ page }) => {
  test.setTimeout(120_000);
  const flag = uniqueFlag('new-reviews');
  await logIn(page, admin);
  await createFlagFromDemo(page, flag);

  await subgraphRow(page, 'reviews').getByRole('button', { name: 'Swap reviews' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('tab', { name: 'Mock plugin' })).toHaveAttribute('aria-selected', 'true');
  const sdl = dialog.getByRole('textbox', { name: 'Mock schema SDL' });
  // Pre-filled with the base subgraph's latest SDL, in a real code editor (CodeMirror).
  await expect(sdl).toContainText(/type Review\b[^{]*\{/);
  await expect(sdl).toHaveAttribute('contenteditable', 'true');
  const base = await sdl.innerText();

  // Validated as you type: a broken field shows where.
  await sdl.fill(base.replace(/(type Review\b[^{]*\{)/, '$1\n  headline String'));
  await expect(dialog.getByTestId('sdl-error')).toContainText(/Line \d+, column \d+: Expected ":"/);
  // The editor marks the error where it is, as you type.
  await expect(dialog.locator('.cm-lintRange-error').first()).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Swap for mock' })).toBeDisabled();
  await sdl.fill(base.replace(/(type Review\b[^{]*\{)/, '$1\n  headline: String'));
  await expect(dialog.getByTestId('sdl-verdict')).toHaveText('Valid SDL');

  const mocks = dialog.getByRole('textbox', { name: 'mocks.json' });
  await mocks.fill('{"Review": {"headline": "Mocked headline"');
  // Where the JSON breaks, by line and column (filling an editor ends the text with a newline,
  // so an unclosed object is reported at the end of line 1 or the start of line 2).
  await expect(dialog.getByTestId('mocks-error')).toContainText(/Line [12], column \d+/);
  await mocks.fill('{"Review": {"headline": "Mocked headline"}}');
  await expect(dialog.getByTestId('mocks-verdict')).toHaveText('Valid JSON');

  await dialog.getByRole('button', { name: 'Swap for mock' }).click();
  // Building and storing the mock plugin takes a few seconds.
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(subgraphRow(page, 'reviews').getByTestId('subgraph-source')).toHaveAttribute('data-kind', 'mock');
  await expect(subgraphRow(page, 'products').getByTestId('subgraph-source')).toHaveAttribute('data-kind', 'base');
  await expect(page.getByTestId('flag-composition-status')).toContainText('composed');

  // The schema diff: Review changed, with headline added.
  const review = page.locator('[data-testid="diff-type"][data-type="Review"]');
  await expect(review).toHaveAttribute('data-change', 'changed');
  await expect(review.locator('[data-testid="diff-change"][data-direction="added"]')).toContainText('headline');
  await page.getByRole('button', { name: 'View both SDLs' }).click();
  await expect(page.getByRole('region', { name: 'Flag client schema' })).toContainText('headline: String');

  // A client sending X-Feature-Flag gets the mock's data for the new field, joined with the real products.
  await expect(async () => {
    const answer = await askRouter(page, '{ topProducts(first: 1) { name reviews { headline body } } }', { 'x-feature-flag': flag });
    expect(answer.servedBy).toBe(`flag:${flag}`);
    expect(answer.body.errors).toBeUndefined();
    expect(JSON.stringify(answer.body.data)).toContain('"headline":"Mocked headline"');
  }).toPass({ timeout: 30_000 });

  // The playground opens with the flag selected.
  await page.getByRole('link', { name: 'Open in playground' }).click();
  await expect(page).toHaveURL(new RegExp(`flag=${flag}`));
  // GraphiQL and Monaco are the studio's heaviest chunk; the first test to open them on a busy machine waits longest.
  await expect(page.getByTestId('target-select')).toContainText(flag, { timeout: 60_000 });
  await expect(page.locator('.graphiql-query-editor .monaco-editor').first()).toBeVisible({ timeout: 60_000 });
  await typeQuery(page, '{ topProducts(first: 1) { name reviews { headline body } } }');
  await runUntilServedBy(page, `flag:${flag}`);
  await expect(responseText(page)).toContainText('"Mocked headline"');
  // Products still comes from the real service, joined with the mocked reviews.
  await expect(responseText(page)).toContainText('"Table"');

  // The base graph does not know the field.
  await chooseOption(page, page.getByTestId('target-select'), 'Base graph');
  await runUntilServedBy(page, 'base');
  await expect(responseText(page)).toContainText('Cannot query field \\"headline\\" on type \\"Review\\"');
});

test('swap reviews for a mock with the dialog defaults: the natural query joins every review with a real author', async ({ page }) => {
  test.setTimeout(240_000);
  const flag = uniqueFlag('joined');
  await logIn(page, admin);
  await createFlagFromDemo(page, flag);

  await subgraphRow(page, 'reviews').getByRole('button', { name: 'Swap reviews' }).click();
  const dialog = page.getByRole('dialog');
  // mocks.json comes pre-filled with keys sampled from the base graph, and says so.
  const pools = dialog.getByTestId('key-pools');
  await expect(pools.locator('[data-type="User"]')).toContainText('User.id: 3 keys sampled from the base graph, so accounts finds them');
  await expect(pools.locator('[data-type="Product"]')).toContainText('so products finds them');
  // The editor is CodeMirror (a contenteditable, not an input): read its text.
  await expect(dialog.getByRole('textbox', { name: 'mocks.json' })).toHaveText(/"User": \{\s*"id": \[\s*"1",\s*"2",\s*"3"\s*\]/);
  await dialog.getByRole('button', { name: 'Swap for mock' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(subgraphRow(page, 'reviews').getByTestId('subgraph-source')).toHaveAttribute('data-kind', 'mock');

  await page.getByRole('link', { name: 'Open in playground' }).click();
  // GraphiQL and Monaco are the studio's heaviest chunk; on a busy CI machine they take a while.
  await expect(page.getByTestId('target-select')).toContainText(flag, { timeout: 60_000 });
  await expect(page.locator('.graphiql-query-editor .monaco-editor').first()).toBeVisible({ timeout: 60_000 });
  const natural = '{ topProducts(first: 2) { name price reviews { body author { name } } } }';
  await typeQuery(page, natural);
  await runUntilServedBy(page, `flag:${flag}`);
  // Real names from accounts (the mock would invent others), and no null anywhere in view.
  // Monaco renders spaces as no-break spaces, which a literal space does not match but \s does.
  await expect(responseText(page)).toContainText(/Ada\sLovelace|Alan\sTuring|Grace\sHopper/);
  await expect(responseText(page)).not.toContainText('"errors"');
  await expect(responseText(page)).not.toContainText(/":\s*null\b/);

  // The whole answer (the response pane shows only what fits): every review has a real author.
  const answer = await askRouter(page, natural, { 'x-feature-flag': flag });
  expect(answer.servedBy).toBe(`flag:${flag}`);
  expect(answer.body.errors).toBeUndefined();
  const data = answer.body.data as { topProducts: { reviews: { author: { name: string } }[] | null }[] };
  const authors = data.topProducts.flatMap((p) => p.reviews ?? []).map((r) => r.author.name);
  expect(authors.length).toBeGreaterThan(0);
  for (const name of authors) expect(['Ada Lovelace', 'Alan Turing', 'Grace Hopper']).toContain(name);
});

test('a mock whose key pool accounts does not know: the answer and the flag page say which key, where, and from which mock', async ({ page }) => {
  test.setTimeout(240_000);
  const flag = uniqueFlag('unknown-keys');
  const plugin = `mock-${flag}-reviews`;
  await logIn(page, admin);
  await createFlagFromDemo(page, flag);

  await subgraphRow(page, 'reviews').getByRole('button', { name: 'Swap reviews' }).click();
  const dialog = page.getByRole('dialog');
  // Let the defaults arrive before editing, or they would replace what is typed.
  await expect(dialog.getByTestId('key-pools').locator('[data-type="User"]')).toBeVisible({ timeout: 30_000 });
  const mocks = dialog.getByRole('textbox', { name: 'mocks.json' });
  await mocks.fill('{"$listLength": 2, "User": {"id": ["nope-1"]}}');
  await expect(dialog.getByTestId('mocks-verdict')).toHaveText('Valid JSON');
  await dialog.getByRole('button', { name: 'Swap for mock' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(subgraphRow(page, 'reviews').getByTestId('subgraph-source')).toHaveAttribute('data-kind', 'mock');
  const flagPage = page.url();
  // With a mock the page lists the keys the subgraphs did not find: none before any query.
  await expect(page.getByTestId('entity-misses')).toContainText('None: every key', { timeout: 20_000 });

  await page.getByRole('link', { name: 'Open in playground' }).click();
  await expect(page.getByTestId('target-select')).toContainText(flag, { timeout: 60_000 });
  await expect(page.locator('.graphiql-query-editor .monaco-editor').first()).toBeVisible({ timeout: 60_000 });
  const natural = '{ topProducts(first: 2) { name price reviews { body author { name } } } }';
  await typeQuery(page, natural);
  await runUntilServedBy(page, `flag:${flag}`);
  // The mock's authors are not found: no name, so no author.
  await expect(responseText(page)).toContainText(/"author":\snull/);
  // The errors sit between the data and the trace, outside what the pane renders: find them.
  await page.locator('.graphiql-response .monaco-editor').first().click();
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.insertText('nope-1');
  await page.keyboard.press('Enter');
  // What the pane shows of them (it wraps the long messages; the whole text is checked below).
  // Monaco shows spaces as no-break spaces, which \s matches.
  const pane = responseText(page);
  await expect(pane).toContainText(/"code":\s"ENTITY_NOT_FOUND"/);
  await expect(pane).toContainText(/"serviceName":\s"accounts"/);
  await expect(pane).toContainText(/"typename":\s"User"/);
  await expect(pane).toContainText(/"id":\s"nope-1"/);
  await expect(pane).toContainText(new RegExp(`"mockPlugin":\\s*"${plugin}`));
  await expect(responseText(page)).not.toContainText('Unexpected error.');

  // Every error of the whole answer says the same, none "Unexpected error.".
  const answer = await askRouter(page, natural, { 'x-feature-flag': flag });
  expect(answer.servedBy).toBe(`flag:${flag}`);
  const messages = (answer.body.errors ?? []).map((e) => e.message);
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) {
    expect(m).toContain('accounts returned no User for {"id":"nope-1"}');
    expect(m).toContain(`the key came from the mock plugin ${plugin} (subgraph reviews)`);
  }

  // The flag page lists the miss, as the staging router reports it.
  await page.goto(flagPage);
  const miss = page.getByTestId('entity-miss').first();
  await expect(miss).toBeVisible({ timeout: 20_000 });
  await expect(miss.getByRole('cell').nth(0)).toHaveText('accounts');
  await expect(miss.getByRole('cell').nth(1)).toHaveText('User');
  await expect(miss.getByRole('cell').nth(2)).toHaveText('{"id":"nope-1"}');
  await expect(miss.getByRole('cell').nth(3)).toHaveText(plugin);
});

test('swap reviews for another URL (the same service): the flag serves the same data', async ({ page }) => {
  test.setTimeout(90_000);
  const flag = uniqueFlag('url-reviews');
  await logIn(page, admin);
  const graph = await page.request.get(`/api/v1/orgs/${ORG}/namespaces/default/graphs/demo`);
  expect(graph.status()).toBe(200);
  const { subgraphs } = (await graph.json()) as { subgraphs: { name: string; routingUrl: string | null }[] };
  const reviewsUrl = subgraphs.find((s) => s.name === 'reviews')?.routingUrl;
  expect(reviewsUrl).toMatch(/^http/);

  await createFlagFromDemo(page, flag);
  await subgraphRow(page, 'reviews').getByRole('button', { name: 'Swap reviews' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('tab', { name: 'Another URL' }).click();
  await dialog.getByLabel('Routing URL').fill('not a url');
  await dialog.getByRole('button', { name: 'Swap for URL' }).click();
  await expect(dialog.getByText(/is not an absolute http/)).toBeVisible();
  await dialog.getByLabel('Routing URL').fill(reviewsUrl!);
  await dialog.getByRole('button', { name: 'Swap for URL' }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await expect(subgraphRow(page, 'reviews').getByTestId('subgraph-source')).toHaveAttribute('data-kind', 'url');
  await expect(subgraphRow(page, 'reviews').getByTestId('subgraph-source')).toContainText(reviewsUrl!);
  await expect(page.getByText('Same schema as the base graph')).toBeVisible();
  // Each composition is kept: the clone's and the swap's.
  await expect(page.getByRole('table', { name: 'Composition history' })).toContainText('reviews swapped (url)');
  await expect(page.getByTestId('flag-composition-row')).toHaveCount(2);

  // Straight through the graph's router: the flag is served by the other URL, with the same data as the base.
  const query = '{ topProducts(first: 2) { upc name reviews { id body } } }';
  let fromFlag: Awaited<ReturnType<typeof askRouter>> | undefined;
  // The router picks up the new config a moment after the control plane records the swap.
  await expect(async () => {
    fromFlag = await askRouter(page, query, { 'x-feature-flag': flag });
    expect(fromFlag.servedBy).toBe(`flag:${flag}`);
  }).toPass({ timeout: 20_000 });
  expect(fromFlag!.body.errors).toBeUndefined();
  expect(JSON.stringify(fromFlag!.body.data)).toContain('"body"');
  const fromBase = await askRouter(page, query);
  expect(fromBase.servedBy).toBe('base');
  expect(fromFlag!.body.data).toEqual(fromBase.body.data);

  // "Open in playground" selects the flag on this graph.
  await page.getByRole('link', { name: 'Open in playground' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${ORG}/playground\\?graph=default%2Fdemo&flag=${flag}`));
  await expect(page.getByTestId('target-select')).toContainText(flag);

  // Restore puts the base subgraph back in the flag.
  await page.goBack();
  await subgraphRow(page, 'reviews').getByRole('button', { name: 'Restore reviews' }).click();
  await expect(subgraphRow(page, 'reviews').getByTestId('subgraph-source')).toHaveAttribute('data-kind', 'base');
  await expect(subgraphRow(page, 'reviews').getByRole('button', { name: 'Restore reviews' })).toHaveCount(0);
});

test('disable and delete a flag; the graph and organization lists show it until it is gone', async ({ page }) => {
  const flag = uniqueFlag('lifecycle');
  await logIn(page, admin);
  await createFlagFromDemo(page, flag);

  await page.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('flag-enabled')).toHaveText('disabled');

  await page.getByRole('button', { name: 'Edit description' }).click();
  await page.getByRole('dialog').getByLabel('Description').fill('Previews the new checkout');
  await page.getByRole('dialog').getByRole('button', { name: 'Save description' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.getByTestId('flag-description')).toHaveText('Previews the new checkout');

  await page.goto(`/o/${ORG}/graphs/default/demo/feature-flags`);
  const row = page.locator(`[data-testid="flag-row"][data-flag="${flag}"]`);
  await expect(row).toContainText('disabled');
  await expect(row).toContainText('Previews the new checkout');
  await page.goto(`/o/${ORG}/feature-flags`);
  await expect(row).toContainText('demo');
  await row.getByRole('link', { name: flag }).click();

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete flag' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${ORG}/feature-flags$`));
  await expect(page.locator(`[data-testid="flag-row"][data-flag="${flag}"]`)).toHaveCount(0);
});

/** A flag made through the API by the admin, for tests about what others see of it. */
async function createFlagByApi(baseURL: string, name: string) {
  const owner = await apiLogin(baseURL, admin);
  const res = await owner.api.post(`/api/v1/orgs/${ORG}/namespaces/default/graphs/demo/feature-flags`, {
    data: { name, description: 'made by the admin' },
    headers: { 'x-csrf-token': owner.csrfToken },
  });
  expect(res.status(), await res.text()).toBe(201);
  return owner;
}

test('a concurrent change gives a clear conflict, and Reload lets the person try again', async ({ page, baseURL }) => {
  const flag = uniqueFlag('conflict');
  const other = await createFlagByApi(baseURL!, flag);
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/feature-flags/default/${flag}?graph=demo`);
  await expect(page.getByTestId('flag-name')).toHaveText(flag);

  // Someone else changes the flag after this page loaded it (version 1 → 2).
  const changed = await other.api.patch(`/api/v1/orgs/${ORG}/namespaces/default/feature-flags/${flag}`, {
    data: { expectedVersion: 1, description: 'changed elsewhere' },
    headers: { 'x-csrf-token': other.csrfToken },
  });
  expect(changed.status(), await changed.text()).toBe(200);
  await other.api.dispose();

  await page.getByRole('button', { name: 'Disable' }).click();
  const conflict = page.getByTestId('flag-conflict');
  await expect(conflict).toContainText('Someone changed this flag');
  await expect(page.getByTestId('flag-enabled')).toHaveText('enabled');
  await conflict.getByRole('button', { name: 'Reload' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.getByText('changed elsewhere')).toBeVisible();
  await page.getByRole('button', { name: 'Disable' }).click();
  await expect(page.getByTestId('flag-enabled')).toHaveText('disabled');
});

test('a viewer sees flags read-only', async ({ page, baseURL }) => {
  const flag = uniqueFlag('viewer');
  const owner = await createFlagByApi(baseURL!, flag);
  await owner.api.dispose();
  const viewer = await createMember(baseURL!, 'viewer');
  await logIn(page, viewer);

  await page.goto(`/o/${ORG}/graphs/default/demo`);
  await expect(page.getByRole('link', { name: 'Open in playground' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create feature flag' })).toHaveCount(0);

  await page.goto(`/o/${ORG}/feature-flags/default/${flag}?graph=demo`);
  await expect(page.getByTestId('flag-name')).toHaveText(flag);
  await expect(page.getByText(/you can see this flag but not change it/)).toBeVisible();
  await expect(subgraphRow(page, 'reviews')).toBeVisible();
  await expect(page.getByRole('button', { name: /^(Swap|Restore|Disable|Enable|Delete)/ })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit description' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Open in playground' })).toBeVisible();
  await expect(page.getByTestId('flag-schema-diff')).toContainText('Same schema as the base graph');
});
