import { expect, test } from '@playwright/test';
import { admin, ORG, ORG_NAME, uniqueEmail } from './support/accounts.ts';
import { submitLogin } from './support/ui.ts';

test('the admin logs in and lands on the first organization', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await submitLogin(page, admin);

  await expect(page).toHaveURL(`/o/${ORG}/graphs`);
  await expect(page.getByRole('heading', { name: 'Graphs', exact: true })).toBeVisible();
  const switcher = page.getByRole('button', { name: 'Switch organization' });
  await expect(switcher).toContainText(ORG_NAME);
  await expect(switcher).toContainText('admin');
});

test('a wrong password shows the uniform message and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await submitLogin(page, { email: admin.email, password: 'not the password' });

  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect');
  await expect(page).toHaveURL(/\/login$/);
});

test('repeated failures for one account show the rate-limit message', async ({ page }) => {
  // An unknown address: the per-account limit applies to it all the same.
  const email = uniqueEmail('locked');
  await page.goto('/login');
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submitLogin(page, { email, password: `wrong ${attempt}` });
    await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect');
  }
  await submitLogin(page, { email, password: 'wrong again' });
  await expect(page.getByRole('alert')).toContainText('Too many failed login attempts');
});
