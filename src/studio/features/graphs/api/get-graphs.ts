import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Graph } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphsQueryKey } from './keys.ts';

export const getGraphs = (org: string, namespace: string, signal?: AbortSignal) =>
  api.get<{ graphs: Graph[] }>(graphPaths.graphs(org, namespace), signal);

export const getGraphsQueryOptions = (org: string, namespace: string) =>
  queryOptions({ queryKey: graphsQueryKey(org, namespace), queryFn: ({ signal }) => getGraphs(org, namespace, signal) });

export const useGraphs = (org: string, namespace: string) => useQuery(getGraphsQueryOptions(org, namespace));
