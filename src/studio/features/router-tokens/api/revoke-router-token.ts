import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { routerTokensQueryKey } from './get-router-tokens.ts';

export const revokeRouterToken = (org: string, namespace: string, graph: string, tokenId: string) =>
  api.delete<unknown>(graphPaths.routerToken(org, namespace, graph, tokenId));

export function useRevokeRouterToken(org: string, namespace: string, graph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => revokeRouterToken(org, namespace, graph, tokenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routerTokensQueryKey(org, namespace, graph) }),
  });
}
