import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CompositionOutcome } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { namespaceKey, subgraphQueryKey } from '@/features/graphs/api/keys';
import { namespacesQueryKey } from '@/features/graphs/api/get-namespaces';

export const deleteSubgraph = (org: string, namespace: string, subgraph: string) =>
  api.delete<{ deleted: string; compositions: CompositionOutcome[] }>(graphPaths.subgraph(org, namespace, subgraph));

export function useDeleteSubgraph(org: string, namespace: string, subgraph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteSubgraph(org, namespace, subgraph),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: subgraphQueryKey(org, namespace, subgraph) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
        queryClient.invalidateQueries({ queryKey: namespacesQueryKey(org) }),
      ]);
    },
  });
}
