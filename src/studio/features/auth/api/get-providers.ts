import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AuthProviders } from '../../../../shared/api/sso.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';

export const getProviders = (signal?: AbortSignal) => api.get<AuthProviders>(apiPaths.authProviders, signal);

export const getProvidersQueryOptions = () =>
  queryOptions({
    queryKey: ['public', 'auth-providers'],
    queryFn: ({ signal }) => getProviders(signal),
    // Server configuration: it changes with a restart, not while a page is open.
    staleTime: Infinity,
    retry: false,
  });

export const useProviders = () => useQuery(getProvidersQueryOptions());
