import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GraphDetail } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from './keys.ts';

export const getGraph = (org: string, namespace: string, graph: string, signal?: AbortSignal) =>
  api.get<GraphDetail>(graphPaths.graph(org, namespace, graph), signal);

export const getGraphQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'detail'],
    queryFn: ({ signal }) => getGraph(org, namespace, graph, signal),
  });

export const useGraph = (org: string, namespace: string, graph: string) =>
  useQuery(getGraphQueryOptions(org, namespace, graph));
