import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';
import { membersQueryKey } from './get-members.ts';

export const revokeInvitation = (org: string, invitationId: string) => api.delete(apiPaths.invitation(org, invitationId));

export function useRevokeInvitation(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => revokeInvitation(org, invitationId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(org) }),
  });
}
