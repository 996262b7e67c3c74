import { expect, test, type Page } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { apiLogin, createMember, type ApiSession } from './support/api.ts';
import { logIn } from './support/ui.ts';

const NS = 'default';

/** Unique per test, so tests neither collide nor depend on each other or on seeded graphs. */
function uniqueId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function createGraph(session: ApiSession, name: string, team: string) {
  const res = await session.api.post(`/api/v1/orgs/${ORG}/namespaces/${NS}/graphs`, {
    data: { name, routingUrl: 'http://127.0.0.1:3002/graphql', labelMatchers: [`team=${team}`] },
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(res.status(), await res.text()).toBe(201);
}

async function publish(session: ApiSession, subgraph: string, team: string, sdl: string) {
  const res = await session.api.post(`/api/v1/orgs/${ORG}/namespaces/${NS}/subgraphs/${subgraph}/schema`, {
    data: { sdl, routingUrl: `http://127.0.0.1:4999/${subgraph}/graphql`, labels: [`team=${team}`] },
    headers: { 'x-csrf-token': session.csrfToken },
  });
  expect(res.status(), await res.text()).toBe(200);
}

const productsV1 = `type Query {
  products: [Product!]!
}

type Product {
  id: ID!
  name: String!
}
`;

async function setUp(baseURL: string) {
  const id = uniqueId();
  const graph = `shop-${id}`;
  const products = `products-${id}`;
  const session = await apiLogin(baseURL, admin);
  try {
    await createGraph(session, graph, id);
    await publish(session, products, id, productsV1);
  } finally {
    await session.api.dispose();
  }
  return { id, graph, products };
}

async function fillEditor(page: Page, sdl: string) {
  const editor = page.getByRole('dialog').getByLabel('Schema (SDL)');
  await expect(editor).toBeVisible();
  await editor.fill(sdl);
}

test('a schema published in the studio shows its new field on the graph schema page', async ({ page, baseURL }) => {
  const { graph, products } = await setUp(baseURL!);
  await logIn(page, admin);

  await page.goto(`/o/${ORG}/subgraphs/${NS}/${products}`);
  await expect(page.getByRole('heading', { name: products })).toBeVisible();
  await expect(page.getByRole('link', { name: graph })).toBeVisible();
  await page.getByRole('button', { name: 'Publish schema' }).click();
  const dialog = page.getByRole('dialog');
  // The editor starts from the latest version.
  const editor = dialog.getByRole('textbox', { name: 'Schema (SDL)' });
  await expect(editor).toContainText('products: [Product!]!');
  await expect(editor).toContainText('name: String!');

  // Check first: dropping a field routers serve is breaking, and nothing is published.
  await fillEditor(page, productsV1.replace('  name: String!\n', ''));
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  const check = dialog.getByTestId('check-result');
  await expect(check).toHaveAttribute('data-ok', 'false');
  await expect(check.getByTestId('check-graph').filter({ hasText: graph })).toContainText('1 breaking change');
  await expect(check.getByTestId('check-change').first()).toHaveAttribute('data-criticality', 'breaking');
  await expect(check.getByTestId('check-change').first()).toContainText('name');

  await fillEditor(page, productsV1.replace('name: String!', 'name: String!\n  priceInCents: Int'));
  await expect(check).toBeHidden(); // the result was for the text it checked
  await dialog.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(check).toHaveAttribute('data-ok', 'true');
  await expect(check).toContainText('Safe to publish');
  await dialog.getByRole('button', { name: 'Publish schema' }).click();

  const result = dialog.getByTestId('publish-composition').filter({ hasText: graph });
  await expect(result).toContainText('composed');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  await page.goto(`/o/${ORG}/graphs/${NS}/${graph}/schema`);
  const schema = page.getByRole('region', { name: 'Client schema' });
  await expect(schema).toContainText('priceInCents: Int');

  // Search counts and highlights matches; type names link to their definitions.
  await page.getByRole('searchbox', { name: 'Search the Client schema' }).fill('priceincents');
  await expect(page.getByText('1 of 1')).toBeVisible();
  await expect(schema.locator('[data-match="0"]')).toHaveText('priceInCents');
  await schema.getByRole('link', { name: 'Product' }).first().click();
  await expect(schema.locator('[data-type-definition="Product"]')).toBeInViewport();

  // CodeMirror: Ctrl/Cmd-F in the document moves to the search box; a type folds away.
  await schema.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+f');
  await expect(page.getByRole('searchbox', { name: 'Search the Client schema' })).toBeFocused();
  await expect(schema.locator('.cm-line', { hasText: 'priceInCents: Int' })).toHaveCount(1);
  await schema.locator('.cm-content').click();
  await page.keyboard.press('Escape');
  await schema.locator('[data-type-definition="Product"]').click();
  await page.keyboard.press('ControlOrMeta+Shift+[');
  await expect(schema.locator('.cm-foldPlaceholder')).toHaveCount(1);
  await expect(schema.locator('.cm-line', { hasText: 'priceInCents: Int' })).toHaveCount(0);

  await page.getByRole('radio', { name: 'Supergraph SDL' }).click();
  await expect(page.getByRole('region', { name: 'Supergraph SDL' })).toContainText(`join__Graph`);

  // The subgraph page lists both versions and diffs them.
  await page.goto(`/o/${ORG}/subgraphs/${NS}/${products}`);
  await page.getByRole('tab', { name: 'Versions and diff' }).click();
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  await expect(page.getByTestId('schema-change').filter({ hasText: 'priceInCents' })).toHaveAttribute('data-criticality', 'safe');
  await expect(page.getByRole('region', { name: 'Unified diff' })).toContainText('+  priceInCents: Int');
});

test('an invalid schema shows its syntax error, and a breaking one the composition errors with its subgraph', async ({ page, baseURL }) => {
  const { graph, id } = await setUp(baseURL!);
  const broken = `reviews-${id}`;
  await logIn(page, admin);

  await page.goto(`/o/${ORG}/graphs/${NS}/${graph}/subgraphs`);
  await page.getByRole('button', { name: 'New subgraph' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(broken);
  await dialog.getByLabel('Routing URL').fill('http://127.0.0.1:4999/reviews/graphql');
  // Pre-filled from the graph's matchers, so the subgraph lands in this graph.
  await expect(dialog.getByLabel('Labels')).toHaveValue(`team=${id}`);

  await fillEditor(page, 'type Query {\n  reviews: [Review!\n}\n');
  await dialog.getByRole('button', { name: 'Create and publish' }).click();
  await expect(dialog.getByTestId('publish-error')).toContainText('line 3, column 1');
  await expect(dialog.getByTestId('sdl-error-excerpt')).toBeVisible();

  // Parses, but Review is defined nowhere: the graph cannot compose.
  await fillEditor(page, 'type Query {\n  reviews: [Review!]!\n}\n');
  await dialog.getByRole('button', { name: 'Create and publish' }).click();
  const result = dialog.getByTestId('publish-composition').filter({ hasText: graph });
  await expect(result).toContainText('failed');
  await expect(result.getByTestId('error-subgraph')).toHaveText(`subgraph ${broken}`);
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByRole('link', { name: 'Overview' }).click();
  const latest = page.getByTestId('latest-composition');
  await expect(latest).toContainText('failed');
  await expect(latest).toContainText('Routers keep serving the last good composition');
  const error = latest.getByTestId('composition-error');
  await expect(error).toContainText('Unknown type Review');
  await expect(error.getByTestId('error-subgraph')).toHaveText(`subgraph ${broken}`);
  await expect(page.getByTestId('diagram-subgraph')).toHaveCount(2);

  // The history keeps both, and the schema page still shows the last good one.
  await page.getByRole('link', { name: 'Compositions' }).click();
  await expect(page.getByTestId('composition-row')).toHaveCount(2);
  await expect(page.getByTestId('composition-row').first()).toHaveAttribute('data-status', 'failed');
  await page.getByRole('link', { name: 'Schema', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Client schema' })).toContainText('products: [Product!]!');
  await expect(page.getByRole('region', { name: 'Client schema' })).not.toContainText('reviews');
});

test('a viewer reads graphs, schemas and subgraphs but is offered no changes', async ({ page, baseURL }) => {
  const { graph, products } = await setUp(baseURL!);
  const viewer = await createMember(baseURL!, 'viewer');
  await logIn(page, viewer);

  await page.goto(`/o/${ORG}/graphs`);
  const row = page.getByTestId('graph-row').filter({ hasText: graph });
  await expect(row).toContainText('composed');
  await expect(row).toContainText(`team=`);
  await expect(page.getByRole('button', { name: 'Create graph' })).toHaveCount(0);

  await row.getByRole('link', { name: graph }).click();
  await expect(page.getByTestId('diagram-subgraph').filter({ hasText: products })).toBeVisible();
  await page.getByRole('link', { name: 'Subgraphs' }).click();
  await expect(page.getByTestId('subgraph-row').filter({ hasText: products })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New subgraph' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Router tokens' }).click();
  await expect(page.getByText('No router tokens')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create router token' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Graph' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('button', { name: 'Delete graph' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

  await page.goto(`/o/${ORG}/subgraphs/${NS}/${products}`);
  await expect(page.getByText('You are a viewer here')).toBeVisible();
  await expect(page.getByRole('region', { name: /^Schema of / })).toContainText('type Product');
  for (const name of ['Publish schema', 'Edit', `Delete ${products}`]) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
});

test('a graph created in the studio gets a router token, is edited, audited and deleted', async ({ page }) => {
  const graph = `studio-${uniqueId()}`;
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/graphs`);

  await page.getByRole('button', { name: 'Create graph' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Not A Name');
  await dialog.getByLabel('Routing URL').fill('localhost');
  await dialog.getByRole('button', { name: 'Create graph' }).click();
  await expect(dialog.getByText('Name must start with a lowercase letter')).toBeVisible();
  await expect(dialog.getByText('is not an absolute URL')).toBeVisible();
  await dialog.getByLabel('Name').fill(graph);
  await dialog.getByLabel('Routing URL').fill('http://127.0.0.1:3002/graphql');
  await dialog.getByLabel('Label matchers').fill(`team=${graph}`);
  await dialog.getByRole('button', { name: 'Create graph' }).click();

  await expect(page).toHaveURL(new RegExp(`/graphs/default/${graph}$`));
  await expect(page.getByRole('heading', { name: 'Never composed' })).toBeVisible();

  const graphNav = page.getByRole('navigation', { name: 'Graph' });
  await graphNav.getByRole('link', { name: 'Router tokens' }).click();
  await page.getByRole('button', { name: 'Create router token' }).click();
  await page.getByRole('dialog').getByLabel('Name').fill('staging');
  await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByRole('textbox', { name: 'Router token' }).inputValue();
  expect(token).toMatch(/^syr_/);
  await page.getByRole('button', { name: 'I have copied it' }).click();
  const row = page.getByTestId('router-token-row').filter({ hasText: 'staging' });
  await expect(row).toContainText('active');
  await expect(page.getByText(token)).toHaveCount(0);
  await row.getByRole('button', { name: 'Revoke staging' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row).toContainText('revoked');

  await graphNav.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('Routing URL').fill('http://127.0.0.1:3999/graphql');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('router-url')).toHaveText('http://127.0.0.1:3999/graphql');

  await page.goto(`/o/${ORG}/settings/audit`);
  const audit = page.getByTestId('audit-row').filter({ hasText: graph });
  await expect(audit.filter({ hasText: 'graph.created' })).toHaveCount(1);
  await expect(audit.filter({ hasText: 'router_token.revoked' })).toHaveCount(1);

  await page.goto(`/o/${ORG}/graphs/default/${graph}/settings`);
  await page.getByRole('button', { name: 'Delete graph' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete graph' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${ORG}/graphs$`));
  await expect(page.getByTestId('graph-row').filter({ hasText: graph })).toHaveCount(0);
});

test('a namespace is created in the studio, holds its own graphs, and is deleted with them', async ({ page }) => {
  const ns = `team-${uniqueId()}`;
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/graphs`);
  await expect(page.getByRole('button', { name: /Delete namespace/ })).toHaveCount(0); // not the default one

  await page.getByRole('button', { name: 'New namespace' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Bad Name');
  await dialog.getByRole('button', { name: 'Create namespace' }).click();
  await expect(dialog.getByText('Name must start with a lowercase letter')).toBeVisible();
  await dialog.getByLabel('Name').fill(ns);
  await dialog.getByRole('button', { name: 'Create namespace' }).click();
  await expect(page).toHaveURL(new RegExp(`/graphs\\?namespace=${ns}$`));
  await expect(page.getByText(`No graphs in “${ns}” yet`)).toBeVisible();

  await page.getByRole('button', { name: 'Create graph' }).first().click();
  await dialog.getByLabel('Name').fill('edge');
  await dialog.getByLabel('Routing URL').fill('http://127.0.0.1:3002/graphql');
  await dialog.getByRole('button', { name: 'Create graph' }).click();
  await expect(page).toHaveURL(new RegExp(`/graphs/${ns}/edge$`));

  await page.goto(`/o/${ORG}/graphs?namespace=${ns}`);
  await expect(page.getByTestId('graph-row').filter({ hasText: 'edge' })).toHaveCount(1);
  await page.getByRole('button', { name: `Delete namespace ${ns}` }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('1 graph and 0 subgraphs');
  await confirm.getByRole('button', { name: 'Delete namespace' }).click();
  await expect(page).toHaveURL(new RegExp(`/o/${ORG}/graphs$`));
  await page.getByRole('combobox', { name: 'Namespace' }).click();
  await expect(page.getByRole('option', { name: new RegExp(ns) })).toHaveCount(0);
  await expect(page.getByRole('option', { name: /default/ })).toHaveCount(1);
});
