import { useMutation, useQueryClient } from '@tanstack/react-query';
import { flagPaths, type CreateFlagRequest, type FlagChangeResult } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { namespaceKey } from '@/features/graphs/api/keys';

/** Clones the graph into a new flag that applies to it. */
export const createFlag = (org: string, namespace: string, graph: string, input: CreateFlagRequest) =>
  api.post<FlagChangeResult>(flagPaths.graphFlags(org, namespace, graph), input);

export function useCreateFlag(org: string, namespace: string, graph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateFlagRequest) => createFlag(org, namespace, graph, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
  });
}
