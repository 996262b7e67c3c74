import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Namespace } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { namespacesQueryKey } from './get-namespaces.ts';

export const createNamespace = (org: string, name: string) => api.post<Namespace>(graphPaths.namespaces(org), { name });

export function useCreateNamespace(org: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => createNamespace(org, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: namespacesQueryKey(org) }),
  });
}
