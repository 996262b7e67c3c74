import { expect, test } from '@playwright/test';
import { admin, ORG } from './support/accounts.ts';
import { createMember } from './support/api.ts';
import { chooseOption, logIn, toasts } from './support/ui.ts';

test('the server’s refusals reach the admin: the last admin stays, other roles change', async ({ page, baseURL }) => {
  const developer = await createMember(baseURL!, 'developer', 'promoted');
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/settings/members`);

  // The seeded admin is this organization's only admin.
  const ownRole = page.getByRole('combobox', { name: `Role of ${admin.email}` });
  await chooseOption(page, ownRole, 'viewer');
  await expect(toasts(page).filter({ hasText: 'Could not change the role' })).toContainText('last admin');
  await expect(ownRole).toHaveText('admin');

  await page.getByRole('button', { name: `Remove ${admin.email}` }).click();
  const confirm = page.getByRole('alertdialog');
  await confirm.getByRole('button', { name: 'Remove member' }).click();
  await expect(confirm.getByRole('alert')).toContainText('last admin');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();

  const otherRole = page.getByRole('combobox', { name: `Role of ${developer.email}` });
  await chooseOption(page, otherRole, 'viewer');
  await expect(toasts(page).filter({ hasText: `${developer.email} is now viewer` })).toBeVisible();
  await page.reload();
  await expect(otherRole).toHaveText('viewer');

  await page.getByRole('button', { name: `Remove ${developer.email}` }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove member' }).click();
  await expect(page.getByTestId('member-row').filter({ hasText: developer.email })).toHaveCount(0);
});
