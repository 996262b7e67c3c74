import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api, isApiError, setCsrfToken } from '@/lib/api-client';

export async function logout(): Promise<void> {
  try {
    await api.post<void>(apiPaths.logout);
  } catch (err) {
    // An expired session is already logged out; anything else is worth showing.
    if (!isApiError(err, 401)) throw err;
  }
  setCsrfToken(null);
}

/** The caller leaves with a full page load, which drops every cached answer of the session. */
export function useLogout() {
  return useMutation({ mutationFn: logout });
}
