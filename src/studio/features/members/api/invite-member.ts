import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedInvitation, InviteMemberRequest } from '../../../../shared/api/organizations.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';
import { membersQueryKey } from './get-members.ts';

export const inviteMember = (org: string, input: InviteMemberRequest) =>
  api.post<CreatedInvitation>(apiPaths.invitations(org), input);

export function useInviteMember(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InviteMemberRequest) => inviteMember(org, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: membersQueryKey(org) }),
  });
}
