import { queryOptions, useQuery } from '@tanstack/react-query';
import type { InvitationPreview } from '../../../../shared/api/auth.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api } from '@/lib/api-client';

export const getInvitation = (token: string, signal?: AbortSignal) =>
  api.get<InvitationPreview>(apiPaths.invitationPreview(token), signal);

export const getInvitationQueryOptions = (token: string) =>
  queryOptions({
    queryKey: ['invitations', token],
    queryFn: ({ signal }) => getInvitation(token, signal),
    staleTime: Infinity,
  });

export const useInvitation = (token: string) => useQuery(getInvitationQueryOptions(token));
