import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AcceptInvitationRequest, MeResponse } from '../../../../shared/api/auth.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api, setCsrfToken } from '@/lib/api-client';
import { forgetSession, meQueryKey } from './get-me.ts';

export async function acceptInvitation(token: string, input: AcceptInvitationRequest): Promise<MeResponse> {
  const me = await api.post<MeResponse>(apiPaths.invitationAccept(token), input);
  setCsrfToken(me.csrfToken);
  return me;
}

export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInvitationRequest) => acceptInvitation(token, input),
    onSuccess: (me) => {
      // Accepting logs in, possibly as someone else than the tab's previous session.
      forgetSession(queryClient);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
