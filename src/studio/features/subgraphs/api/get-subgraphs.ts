import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Subgraph } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { subgraphsQueryKey } from '@/features/graphs/api/keys';

export const getSubgraphs = (org: string, namespace: string, signal?: AbortSignal) =>
  api.get<{ subgraphs: Subgraph[] }>(graphPaths.subgraphs(org, namespace), signal);

export const getSubgraphsQueryOptions = (org: string, namespace: string) =>
  queryOptions({
    queryKey: [...subgraphsQueryKey(org, namespace), '$list'],
    queryFn: ({ signal }) => getSubgraphs(org, namespace, signal),
  });

export const useSubgraphs = (org: string, namespace: string) => useQuery(getSubgraphsQueryOptions(org, namespace));
