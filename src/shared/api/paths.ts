/** API paths, in one place for the studio, the CLI and the tests. */
export const API_PREFIX = '/api/v1';

export const apiPaths = {
  login: `${API_PREFIX}/auth/login`,
  logout: `${API_PREFIX}/auth/logout`,
  me: `${API_PREFIX}/auth/me`,
  authProviders: `${API_PREFIX}/auth/providers`,
  oidcLogin: `${API_PREFIX}/auth/oidc/login`,
  oidcCallback: `${API_PREFIX}/auth/oidc/callback`,
  sessions: `${API_PREFIX}/auth/sessions`,
  session: (id: string) => `${API_PREFIX}/auth/sessions/${encodeURIComponent(id)}`,
  invitationPreview: (token: string) => `${API_PREFIX}/invitations/${encodeURIComponent(token)}`,
  invitationAccept: (token: string) => `${API_PREFIX}/invitations/${encodeURIComponent(token)}/accept`,
  members: (org: string) => `${API_PREFIX}/orgs/${org}/members`,
  member: (org: string, userId: string) => `${API_PREFIX}/orgs/${org}/members/${userId}`,
  invitations: (org: string) => `${API_PREFIX}/orgs/${org}/invitations`,
  invitation: (org: string, id: string) => `${API_PREFIX}/orgs/${org}/invitations/${id}`,
  apiKeys: (org: string) => `${API_PREFIX}/orgs/${org}/api-keys`,
  apiKey: (org: string, id: string) => `${API_PREFIX}/orgs/${org}/api-keys/${id}`,
} as const;
