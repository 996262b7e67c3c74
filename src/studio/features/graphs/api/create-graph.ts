import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateGraphRequest, Graph } from '../../../../shared/api/graphs.ts';
import type { CompositionOutcome } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { namespaceKey } from './keys.ts';
import { namespacesQueryKey } from './get-namespaces.ts';

export type GraphChangeResult = { graph: Graph; compositions: CompositionOutcome[] };

export const createGraph = (org: string, namespace: string, input: CreateGraphRequest) =>
  api.post<GraphChangeResult>(graphPaths.graphs(org, namespace), input);

export function useCreateGraph(org: string, namespace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateGraphRequest) => createGraph(org, namespace, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
        queryClient.invalidateQueries({ queryKey: namespacesQueryKey(org) }),
      ]),
  });
}
