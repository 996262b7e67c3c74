import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  flagPaths,
  type FlagChangeResult,
  type Swap,
  type UpdateFlagRequest,
} from '../../../../shared/api/feature-flags.ts';
import { request } from '@/lib/api-client';
import { namespaceKey } from '@/features/graphs/api/keys';
import { flagQueryKey } from './keys.ts';

// Every change carries the version the person saw, so a concurrent edit answers 409 instead of being lost.

export const swapSubgraph = (org: string, namespace: string, flag: string, subgraph: string, expectedVersion: number, swap: Swap) =>
  request<FlagChangeResult>('PUT', flagPaths.swap(org, namespace, flag, subgraph), { body: { expectedVersion, swap } });

export const restoreSubgraph = (org: string, namespace: string, flag: string, subgraph: string, expectedVersion: number) =>
  request<FlagChangeResult>('DELETE', `${flagPaths.swap(org, namespace, flag, subgraph)}?expectedVersion=${expectedVersion}`);

export const updateFlag = (org: string, namespace: string, flag: string, input: UpdateFlagRequest) =>
  request<FlagChangeResult>('PATCH', flagPaths.flag(org, namespace, flag), { body: input });

export const deleteFlag = (org: string, namespace: string, flag: string, expectedVersion: number) =>
  request<void>('DELETE', `${flagPaths.flag(org, namespace, flag)}?expectedVersion=${expectedVersion}`);

function useFlagMutation<I, R>(org: string, namespace: string, fn: (input: I) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A flag change alters what the graph's pages and the playground list, so the whole namespace refreshes.
    onSettled: () => queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) }),
  });
}

export const useSwapSubgraph = (org: string, namespace: string, flag: string) =>
  useFlagMutation(org, namespace, (i: { subgraph: string; expectedVersion: number; swap: Swap }) =>
    swapSubgraph(org, namespace, flag, i.subgraph, i.expectedVersion, i.swap),
  );

export const useRestoreSubgraph = (org: string, namespace: string, flag: string) =>
  useFlagMutation(org, namespace, (i: { subgraph: string; expectedVersion: number }) =>
    restoreSubgraph(org, namespace, flag, i.subgraph, i.expectedVersion),
  );

export const useUpdateFlag = (org: string, namespace: string, flag: string) =>
  useFlagMutation(org, namespace, (i: UpdateFlagRequest) => updateFlag(org, namespace, flag, i));

export function useDeleteFlag(org: string, namespace: string, flag: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (expectedVersion: number) => deleteFlag(org, namespace, flag, expectedVersion),
    onSuccess: () => {
      // The page navigates away; a refetch of the deleted flag would only 404.
      queryClient.removeQueries({ queryKey: flagQueryKey(org, namespace, flag) });
      return queryClient.invalidateQueries({ queryKey: namespaceKey(org, namespace) });
    },
  });
}
