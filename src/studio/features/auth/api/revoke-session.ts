import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';
import { sessionsQueryKey } from './get-sessions.ts';

export const revokeSession = (id: string) => api.delete(apiPaths.session(id));

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeSession,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQueryKey }),
  });
}
