import { expect, request, type APIRequestContext } from '@playwright/test';
import type { Credentials } from './accounts.ts';
import { admin, ORG, uniqueEmail } from './accounts.ts';

export interface ApiSession {
  api: APIRequestContext;
  csrfToken: string;
  userId: string;
}

/** A cookie session outside the browser, for setting up what a test is not about. */
export async function apiLogin(baseURL: string, credentials: Credentials): Promise<ApiSession> {
  const api = await request.newContext({ baseURL });
  const res = await api.post('/api/v1/auth/login', { data: credentials });
  expect(res.status(), await res.text()).toBe(200);
  const me = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { api, csrfToken: me.csrfToken, userId: me.user.id };
}

/** Invites a new person with `role` as the admin and accepts through the API. */
export async function createMember(
  baseURL: string,
  role: 'viewer' | 'developer' | 'admin',
  label: string = role,
): Promise<Credentials & { userId: string }> {
  const email = uniqueEmail(label);
  const password = `password for ${label} ${Date.now()}`;
  const owner = await apiLogin(baseURL, admin);
  try {
    const invited = await owner.api.post(`/api/v1/orgs/${ORG}/invitations`, {
      data: { email, role },
      headers: { 'x-csrf-token': owner.csrfToken },
    });
    expect(invited.status(), await invited.text()).toBe(201);
    const { acceptPath } = (await invited.json()) as { acceptPath: string };
    const token = acceptPath.split('/').pop()!;

    const invitee = await request.newContext({ baseURL });
    try {
      const accepted = await invitee.post(`/api/v1/invitations/${token}/accept`, { data: { name: label, password } });
      expect(accepted.status(), await accepted.text()).toBe(200);
      const me = (await accepted.json()) as { user: { id: string } };
      return { email, password, userId: me.user.id };
    } finally {
      await invitee.dispose();
    }
  } finally {
    await owner.api.dispose();
  }
}
