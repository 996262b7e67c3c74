import { expect, test } from '@playwright/test';
import { ORG } from './support/accounts.ts';
import { createMember } from './support/api.ts';
import { logIn } from './support/ui.ts';

test('a viewer sees members read-only and the API refuses their changes', async ({ page, baseURL }) => {
  const viewer = await createMember(baseURL!, 'viewer');
  const developer = await createMember(baseURL!, 'developer');

  await logIn(page, viewer);
  await page.goto(`/o/${ORG}/settings/members`);

  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByTestId('member-row').filter({ hasText: developer.email })).toContainText('developer');
  await expect(page.getByText('Only admins invite, change roles and remove members')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Invite member' })).toHaveCount(0);
  await expect(members.getByRole('combobox')).toHaveCount(0);
  await expect(members.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByText('Only admins manage API keys')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create API key' })).toHaveCount(0);

  // Hiding buttons is not the defence: the server refuses the viewer's session outright.
  const me = await page.request.get('/api/v1/auth/me');
  const { csrfToken } = (await me.json()) as { csrfToken: string };
  const patch = await page.request.patch(`/api/v1/orgs/${ORG}/members/${developer.userId}`, {
    data: { role: 'admin' },
    headers: { 'x-csrf-token': csrfToken },
  });
  expect(patch.status()).toBe(403);
  expect(((await patch.json()) as { error: { code: string } }).error.code).toBe('forbidden');

  await page.goto(`/o/${ORG}/settings/members`);
  await expect(members.getByTestId('member-row').filter({ hasText: developer.email })).toContainText('developer');
});
