import { expect, test, type Page } from '@playwright/test';
import { ORG, ORG_NAME } from './support/accounts.ts';
import { idpIssuer } from './support/sso.ts';
import { openUserMenu } from './support/ui.ts';

/** The test IdP is oidc-provider's own development login page: any password will do. */
async function signInAtIdp(page: Page, login: string) {
  await expect(page).toHaveURL(new RegExp(`^${idpIssuer}/interaction/`));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password at the IdP');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('a developer logs in through the IdP and lands in the studio with the role of their groups', async ({ page }) => {
  // Nine page loads across two servers (login, IdP login and consent, studio, IdP logout).
  test.slow();
  await page.goto(`/o/${ORG}/graphs`);
  await expect(page).toHaveURL(/\/login\?redirectTo=/);
  // Password login stays beside SSO.
  await expect(page.getByLabel('Password')).toBeVisible();
  await page.getByRole('link', { name: 'Log in with SSO' }).click();

  await signInAtIdp(page, 'dana');
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page).toHaveURL(`/o/${ORG}/graphs`);
  await expect(page.getByRole('heading', { name: 'Graphs', exact: true })).toBeVisible();
  const switcher = page.getByRole('button', { name: 'Switch organization' });
  await expect(switcher).toContainText(ORG_NAME);
  await expect(switcher).toContainText('developer');
  const menu = await openUserMenu(page);
  await expect(menu).toContainText('Dana Developer');
  await expect(menu).toContainText('dana@e2e.test');

  // Logging out ends the IdP session too: the IdP asks, then sends the browser back to login.
  await menu.getByRole('menuitem', { name: 'Log out' }).click();
  await expect(page).toHaveURL(new RegExp(`^${idpIssuer}/session/end`));
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
  await page.getByRole('link', { name: 'Log in with SSO' }).click();
  await expect(page.locator('input[name="login"]')).toBeVisible();
});

test('cancelling at the IdP comes back to the login page with the reason, logged out', async ({ page }) => {
  test.slow();
  await page.goto('/login');
  await page.getByRole('link', { name: 'Log in with SSO' }).click();
  await signInAtIdp(page, 'vic');
  await page.getByRole('link', { name: '[ Cancel ]' }).click();

  await expect(page).toHaveURL(/\/login\?sso_error=access_denied$/);
  await expect(page.getByRole('alert')).toHaveText('Sign-in was cancelled at the identity provider, so you were not logged in.');
  expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401);
});
