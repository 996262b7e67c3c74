import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateApiKeyRequest, CreatedApiKey } from '../../../../shared/api/organizations.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';
import { apiKeysQueryKey } from './get-api-keys.ts';

export const createApiKey = (org: string, input: CreateApiKeyRequest) => api.post<CreatedApiKey>(apiPaths.apiKeys(org), input);

export function useCreateApiKey(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyRequest) => createApiKey(org, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(org) }),
  });
}
