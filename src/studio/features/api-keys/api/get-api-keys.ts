import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ApiKey } from '../../../../shared/api/organizations.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';

export const apiKeysQueryKey = (org: string) => ['orgs', org, 'api-keys'] as const;

export const getApiKeys = (org: string, signal?: AbortSignal) => api.get<{ apiKeys: ApiKey[] }>(apiPaths.apiKeys(org), signal);

export const getApiKeysQueryOptions = (org: string) =>
  queryOptions({ queryKey: apiKeysQueryKey(org), queryFn: ({ signal }) => getApiKeys(org, signal) });

export const useApiKeys = (org: string, options: { enabled?: boolean } = {}) =>
  useQuery({ ...getApiKeysQueryOptions(org), enabled: options.enabled ?? true });
