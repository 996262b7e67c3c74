import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey, namespaceKey } from './keys.ts';
import { namespacesQueryKey } from './get-namespaces.ts';

export const deleteGraph = (org: string, namespace: string, graph: string) => api.delete(graphPaths.graph(org, namespace, graph));

export function useDeleteGraph(org: string, namespace: string, graph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deleteGraph(org, namespace, graph),
    onSuccess: () => {
      // The page navigates away; a refetch of the deleted graph would only 404.
      queryClient.removeQueries({ queryKey: graphQueryKey(org, namespace, graph) });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
        queryClient.invalidateQueries({ queryKey: namespacesQueryKey(org) }),
      ]);
    },
  });
}
