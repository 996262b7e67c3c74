import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import type { Composition } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from './keys.ts';

export interface CompositionPage {
  compositions: Composition[];
  nextCursor: string | null;
}

const PAGE_SIZE = 20;

export const getCompositions = (org: string, namespace: string, graph: string, cursor: string | null, signal?: AbortSignal) => {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) query.set('cursor', cursor);
  return api.get<CompositionPage>(`${graphPaths.compositions(org, namespace, graph)}?${query}`, signal);
};

export const getCompositionsQueryOptions = (org: string, namespace: string, graph: string) =>
  infiniteQueryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'compositions'],
    queryFn: ({ signal, pageParam }) => getCompositions(org, namespace, graph, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useCompositions = (org: string, namespace: string, graph: string) =>
  useInfiniteQuery(getCompositionsQueryOptions(org, namespace, graph));
