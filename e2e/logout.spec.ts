import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { logIn, openUserMenu } from './support/ui.ts';

test('logging out ends the session and protected pages go back to login', async ({ page }) => {
  await logIn(page, admin);
  const menu = await openUserMenu(page);
  await menu.getByRole('menuitem', { name: 'Log out' }).click();

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('button', { name: 'Log in' })).toBeVisible();

  // The server ended the session too, not just the page.
  const me = await page.request.get('/api/v1/auth/me');
  expect(me.status()).toBe(401);

  await page.goto(`/o/${ORG}/graphs`);
  await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(`/o/${ORG}/graphs`)}`);
});
