import { useMutation, useQueryClient } from '@tanstack/react-query';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { namespaceKey } from './keys.ts';
import { namespacesQueryKey } from './get-namespaces.ts';

export const deleteNamespace = (org: string, namespace: string) => api.delete(graphPaths.namespace(org, namespace));

export function useDeleteNamespace(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (namespace: string) => deleteNamespace(org, namespace),
    onSuccess: (_data, namespace) => {
      // Everything under it (graphs, subgraphs, flags, plugins) is gone.
      queryClient.removeQueries({ queryKey: namespaceKey(org, namespace) });
      return queryClient.invalidateQueries({ queryKey: namespacesQueryKey(org) });
    },
  });
}
