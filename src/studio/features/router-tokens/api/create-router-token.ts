import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedRouterToken, CreateRouterTokenRequest } from '../../../../shared/api/router-tokens.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { routerTokensQueryKey } from './get-router-tokens.ts';

export const createRouterToken = (org: string, namespace: string, graph: string, input: CreateRouterTokenRequest) =>
  api.post<CreatedRouterToken>(graphPaths.routerTokens(org, namespace, graph), input);

export function useCreateRouterToken(org: string, namespace: string, graph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRouterTokenRequest) => createRouterToken(org, namespace, graph, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routerTokensQueryKey(org, namespace, graph) }),
  });
}
