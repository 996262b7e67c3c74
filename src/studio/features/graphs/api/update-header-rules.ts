import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { HeaderRulesChangeResult, UpdateHeaderRulesRequest } from '../../../../shared/api/header-rules.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { request } from '@/lib/api-client';
import { graphQueryKey } from './keys.ts';

export const updateHeaderRules = (org: string, namespace: string, graph: string, input: UpdateHeaderRulesRequest) =>
  request<HeaderRulesChangeResult>('PUT', graphPaths.headerRules(org, namespace, graph), { body: input });

export function useUpdateHeaderRules(org: string, namespace: string, graph: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateHeaderRulesRequest) => updateHeaderRules(org, namespace, graph, input),
    // The graph's router config hash changes with its rules.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: graphQueryKey(org, namespace, graph) }),
  });
}
