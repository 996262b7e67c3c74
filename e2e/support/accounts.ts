/** The account and organization that playwright.config.ts seeds through the environment. */
export const admin = { email: 'admin@e2e.test', password: 'e2e admin password 1' } as const;
export const ORG = 'e2e';
export const ORG_NAME = 'E2E';

export interface Credentials {
  email: string;
  password: string;
}

/** A fresh address per test, so tests neither collide nor depend on each other's order. */
export function uniqueEmail(label: string): string {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  return `${label}-${suffix}@e2e.test`;
}
