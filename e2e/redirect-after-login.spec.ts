import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { submitLogin } from './support/ui.ts';

test('a deep link while logged out goes through login and back', async ({ page }) => {
  const deepLink = `/o/${ORG}/settings/api-keys?from=e2e`;
  await page.goto(deepLink);

  await expect(page).toHaveURL(`/login?redirectTo=${encodeURIComponent(deepLink)}`);
  await submitLogin(page, admin);

  await expect(page).toHaveURL(deepLink);
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
});

test('an off-site redirectTo is ignored', async ({ page }) => {
  await page.goto(`/login?redirectTo=${encodeURIComponent('//example.com/phish')}`);
  await submitLogin(page, admin);
  await expect(page).toHaveURL(`/o/${ORG}/graphs`);
});
