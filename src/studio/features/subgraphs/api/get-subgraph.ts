import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Subgraph } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { subgraphQueryKey } from '@/features/graphs/api/keys';

export const getSubgraph = (org: string, namespace: string, subgraph: string, signal?: AbortSignal) =>
  api.get<Subgraph>(graphPaths.subgraph(org, namespace, subgraph), signal);

export const getSubgraphQueryOptions = (org: string, namespace: string, subgraph: string) =>
  queryOptions({
    queryKey: [...subgraphQueryKey(org, namespace, subgraph), 'detail'],
    queryFn: ({ signal }) => getSubgraph(org, namespace, subgraph, signal),
  });

export const useSubgraph = (org: string, namespace: string, subgraph: string) =>
  useQuery(getSubgraphQueryOptions(org, namespace, subgraph));
