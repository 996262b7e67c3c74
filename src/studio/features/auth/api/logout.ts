import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '../../../../shared/api/paths.ts';
import type { LogoutResponse } from '../../../../shared/api/sso.ts';
import { api, isApiError, setCsrfToken } from '@/lib/api-client';

/** Resolves to the IdP's logout URL when the session came from SSO and the IdP can end its own session too. */
export async function logout(): Promise<string | null> {
  let answer: LogoutResponse | undefined;
  try {
    answer = await api.post<LogoutResponse | undefined>(apiPaths.logout);
  } catch (err) {
    // An expired session is already logged out; anything else is worth showing.
    if (!isApiError(err, 401)) throw err;
  }
  setCsrfToken(null);
  return answer?.endSessionUrl ?? null;
}

/** The caller leaves with a full page load, which drops every cached answer of the session. */
export function useLogout() {
  return useMutation({ mutationFn: logout });
}
