import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PublishSchemaRequest, PublishSchemaResponse } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { namespaceKey } from '@/features/graphs/api/keys';
import { namespacesQueryKey } from '@/features/graphs/api/get-namespaces';

export const publishSchema = (org: string, namespace: string, subgraph: string, input: PublishSchemaRequest) =>
  api.post<PublishSchemaResponse>(graphPaths.subgraphSchema(org, namespace, subgraph), input);

export function usePublishSchema(org: string, namespace: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ subgraph, input }: { subgraph: string; input: PublishSchemaRequest }) =>
      publishSchema(org, namespace, subgraph, input),
    // Every graph the subgraph is in recomposed: their status, schema and history changed.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
        queryClient.invalidateQueries({ queryKey: namespacesQueryKey(org) }),
      ]),
  });
}
