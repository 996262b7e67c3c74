import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '../../../../shared/api/organizations.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';
import { apiKeysQueryKey } from './get-api-keys.ts';

export const revokeApiKey = (org: string, keyId: string) => api.delete<ApiKey>(apiPaths.apiKey(org, keyId));

export function useRevokeApiKey(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => revokeApiKey(org, keyId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey(org) }),
  });
}
