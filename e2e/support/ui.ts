import { expect, type Page } from '@playwright/test';
import type { Credentials } from './accounts.ts';

/** Fills the login form; does not wait for where it leads. */
export async function submitLogin(page: Page, { email, password }: Credentials): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

export async function logIn(page: Page, credentials: Credentials): Promise<void> {
  await page.goto('/login');
  await submitLogin(page, credentials);
  await expect(page).not.toHaveURL(/\/login/);
}

export async function openUserMenu(page: Page) {
  await page.getByRole('button', { name: 'User menu' }).click();
  return page.getByRole('menu');
}

/** Radix Select: open the combobox, then pick the option whose name starts with `value`. */
export async function chooseOption(page: Page, combobox: ReturnType<Page['getByRole']>, value: string): Promise<void> {
  await combobox.click();
  await page.getByRole('option', { name: new RegExp(`^${value}`) }).click();
}

/** Toasts shown in the notifications viewport (not Radix's screen-reader copy). */
export function toasts(page: Page) {
  return page.getByRole('region', { name: /Notifications/ }).getByRole('listitem');
}
