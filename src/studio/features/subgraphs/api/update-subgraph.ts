import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CompositionOutcome, Subgraph, UpdateSubgraphRequest } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { namespaceKey } from '@/features/graphs/api/keys';

export const updateSubgraph = (org: string, namespace: string, subgraph: string, input: UpdateSubgraphRequest) =>
  api.patch<{ subgraph: Subgraph; compositions: CompositionOutcome[] }>(graphPaths.subgraph(org, namespace, subgraph), input);

export function useUpdateSubgraph(org: string, namespace: string, subgraph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSubgraphRequest) => updateSubgraph(org, namespace, subgraph, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
  });
}
