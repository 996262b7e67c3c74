import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { chooseOption, logIn } from './support/ui.ts';

test('an admin creates an API key, sees it once, and revokes it', async ({ page, request }) => {
  const name = `CI key ${Date.now()}`;
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/settings/api-keys`);

  await page.getByRole('button', { name: 'Create API key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await chooseOption(page, dialog.getByRole('combobox', { name: 'Role' }), 'viewer');
  await dialog.getByLabel('Expires after (days)').fill('30');
  await dialog.getByRole('button', { name: 'Create key' }).click();

  await expect(dialog.getByText('will not be shown again')).toBeVisible();
  const key = await dialog.getByRole('textbox', { name: 'API key' }).inputValue();
  expect(key).toMatch(/^sy\w*_\S{20,}$/);

  const bearer = { Authorization: `Bearer ${key}` };
  const before = await request.get('/api/v1/auth/me', { headers: bearer });
  expect(before.status()).toBe(200);
  expect(((await before.json()) as { via: string }).via).toBe('api_key');

  await dialog.getByRole('button', { name: 'I have copied it' }).click();
  const row = page.getByTestId('api-key-row').filter({ hasText: name });
  await expect(row).toContainText('viewer');
  await expect(row.getByText('active', { exact: true })).toBeVisible();
  // Only the prefix is listed, never the secret.
  await expect(page.getByText(key)).toHaveCount(0);
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByText(key)).toHaveCount(0);

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText(`Revoke "${name}"?`);
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await expect(confirm).toBeHidden();
  await expect(row.getByText('revoked', { exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);

  const after = await request.get('/api/v1/auth/me', { headers: bearer });
  expect(after.status()).toBe(401);
  expect(((await after.json()) as { error: { message: string } }).error.message).toContain('has been revoked');
});
