import { expect, test } from '@playwright/test';
import { admin, ORG, ORG_NAME, uniqueEmail } from './support/accounts.ts';
import { chooseOption, logIn } from './support/ui.ts';

test('an admin invites a member who accepts with a new password', async ({ page, browser, context, baseURL }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL! });
  const email = uniqueEmail('invitee');
  await logIn(page, admin);
  await page.goto(`/o/${ORG}/settings/members`);

  await page.getByRole('button', { name: 'Invite member' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Email').fill(email);
  await chooseOption(page, dialog.getByRole('combobox', { name: 'Role' }), 'developer');
  await dialog.getByRole('button', { name: 'Create invitation' }).click();

  const linkBox = dialog.getByRole('textbox', { name: 'Invitation link' });
  await expect(linkBox).toHaveValue(new RegExp(`^${baseURL}/invite/[^/]+$`));
  const link = await linkBox.inputValue();
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  await dialog.getByRole('button', { name: 'Done' }).click();

  const pending = page.getByRole('table', { name: 'Pending invitations' }).getByRole('row').filter({ hasText: email });
  await expect(pending).toContainText('developer');

  // The invitee has their own browser: no session, no shared cookies.
  const inviteeContext = await browser.newContext();
  try {
    const invitee = await inviteeContext.newPage();
    await invitee.goto(link);
    await expect(invitee.getByText(`Join ${ORG_NAME}`)).toBeVisible();
    await expect(invitee.getByLabel('Email')).toHaveValue(email);

    await invitee.getByLabel('Your name').fill('Ada Invitee');
    await invitee.getByLabel('New password', { exact: true }).fill('short');
    await invitee.getByLabel('Repeat the password').fill('short');
    await invitee.getByRole('button', { name: 'Create account and join' }).click();
    await expect(invitee.getByText('Password must be at least 12 characters')).toBeVisible();

    const password = 'a brand new password';
    await invitee.getByLabel('New password', { exact: true }).fill(password);
    await invitee.getByLabel('Repeat the password').fill(password);
    await invitee.getByRole('button', { name: 'Create account and join' }).click();

    await expect(invitee).toHaveURL(`/o/${ORG}/graphs`);
    const switcher = invitee.getByRole('button', { name: 'Switch organization' });
    await expect(switcher).toContainText(ORG_NAME);
    await expect(switcher).toContainText('developer');

    // The link worked once.
    await invitee.goto(link);
    await expect(invitee.getByText('This invitation has already been used')).toBeVisible();
  } finally {
    await inviteeContext.close();
  }

  await page.reload();
  const row = page.getByTestId('member-row').filter({ hasText: email });
  await expect(row).toContainText('Ada Invitee');
  await expect(row.getByRole('combobox', { name: `Role of ${email}` })).toHaveText('developer');
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);
});
