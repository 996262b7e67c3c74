import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/features/auth/api/get-me';
import { membersQueryKey } from './get-members.ts';

export const removeMember = (org: string, userId: string) => api.delete(apiPaths.member(org, userId));

export function useRemoveMember(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeMember(org, userId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membersQueryKey(org) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
