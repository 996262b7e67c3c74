import { queryOptions, useQuery } from '@tanstack/react-query';
import type { CompositionDetail } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from './keys.ts';

export const getComposition = (org: string, namespace: string, graph: string, id: string, signal?: AbortSignal) =>
  api.get<CompositionDetail>(graphPaths.composition(org, namespace, graph, id), signal);

export const getCompositionQueryOptions = (org: string, namespace: string, graph: string, id: string) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'composition', id],
    queryFn: ({ signal }) => getComposition(org, namespace, graph, id, signal),
    // A composition never changes once recorded.
    staleTime: Infinity,
  });

export const useComposition = (org: string, namespace: string, graph: string, id: string | null | undefined) =>
  useQuery({ ...getCompositionQueryOptions(org, namespace, graph, id ?? ''), enabled: Boolean(id) });
