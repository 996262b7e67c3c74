import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import type { MeResponse } from '../../../../shared/api/auth.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api, setCsrfToken } from '@/lib/api-client';

export const meQueryKey = ['auth', 'me'] as const;

export async function getMe(signal?: AbortSignal): Promise<MeResponse> {
  const me = await api.get<MeResponse>(apiPaths.me, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

export const getMeQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: ({ signal }) => getMe(signal),
    staleTime: 60_000,
    retry: false,
  });

export const useMe = () => useQuery(getMeQueryOptions());

/**
 * Drops every answer that belongs to a session. By convention those live under ['auth']
 * and ['orgs', slug, …]; public ones (an invitation preview) stay.
 */
export function forgetSession(queryClient: QueryClient) {
  queryClient.removeQueries({ queryKey: ['auth'] });
  queryClient.removeQueries({ queryKey: ['orgs'] });
}
