import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, MeResponse } from '../../../../shared/api/auth.ts';
import { apiPaths } from '../../../../shared/api/paths.ts';
import { api, setCsrfToken } from '@/lib/api-client';
import { forgetSession, meQueryKey } from './get-me.ts';

export async function login(input: LoginRequest): Promise<MeResponse> {
  const me = await api.post<MeResponse>(apiPaths.login, input);
  setCsrfToken(me.csrfToken);
  return me;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      // Nothing cached under a previous account may leak into this one.
      forgetSession(queryClient);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
