import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { UpdateGraphRequest } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import type { GraphChangeResult } from './create-graph.ts';
import { namespaceKey } from './keys.ts';

export const updateGraph = (org: string, namespace: string, graph: string, input: UpdateGraphRequest) =>
  api.patch<GraphChangeResult>(graphPaths.graph(org, namespace, graph), input);

export function useUpdateGraph(org: string, namespace: string, graph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateGraphRequest) => updateGraph(org, namespace, graph, input),
    // Matchers decide membership, so subgraph pages ("which graphs it is in") change too.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
  });
}
