import { expect, type Page } from '@playwright/test';

/** Replaces the query editor's text; Monaco needs focus and a select-all first. */
export async function typeQuery(page: Page, query: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  // insertText skips Monaco's auto-closing brackets and autocomplete, which typing would trigger.
  await page.keyboard.insertText(query);
  // An autocomplete popup would cover the Run button.
  await page.keyboard.press('Escape');
}

export async function runQuery(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Execute query/ }).click();
}

export const responseText = (page: Page) => page.locator('.graphiql-response');

/**
 * Runs the query until the router answers from `servedBy`: the router picks up a new
 * config (a new flag, a swap) a moment after the control plane records it.
 */
export async function runUntilServedBy(page: Page, servedBy: string, timeout = 30_000): Promise<void> {
  await expect(async () => {
    await runQuery(page);
    await expect(page.getByTestId('served-by')).toHaveText(`served by ${servedBy}`, { timeout: 2_000 });
  }).toPass({ timeout });
}

/** Opens one of the playground's sidebar panels (GraphiQL plugins) by its title. */
export async function openPanel(page: Page, title: string): Promise<void> {
  await page.getByRole('button', { name: `Show ${title}` }).click();
}

/** The demo graph's playground with the editors prefilled through a share link's parameters. */
export function playgroundUrl(org: string, state: { graph?: string; flag?: string; query?: string; variables?: string; headers?: string }): string {
  const p = new URLSearchParams({ graph: state.graph ?? 'default/demo' });
  if (state.flag) p.set('flag', state.flag);
  for (const key of ['query', 'variables', 'headers'] as const) {
    const text = state[key];
    if (text) p.set(key, Buffer.from(text, 'utf8').toString('base64url'));
  }
  return `/o/${org}/playground?${p.toString()}`;
}

/** Runs until the router answers (it loads its first config a moment after the control plane is ready). */
export async function runUntilAnswered(page: Page, timeout = 60_000): Promise<void> {
  await expect(async () => {
    await runQuery(page);
    await expect(page.getByTestId('served-by')).toHaveText(/served by /, { timeout: 2_000 });
  }).toPass({ timeout });
}
