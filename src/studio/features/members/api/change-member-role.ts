import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiPaths } from '../../../../shared/api/paths.ts';
import type { Role } from '../../../../shared/roles.ts';
import { api } from '@/lib/api-client';
import { meQueryKey } from '@/features/auth/api/get-me';
import { membersQueryKey } from './get-members.ts';

export const changeMemberRole = (org: string, userId: string, role: Role) =>
  api.patch<void>(apiPaths.member(org, userId), { role });

export function useChangeMemberRole(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => changeMemberRole(org, userId, role),
    // An admin may demote themselves; /auth/me carries the caller's role for the whole studio.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membersQueryKey(org) }),
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
      ]),
  });
}
