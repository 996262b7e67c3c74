import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GraphSchemaResponse } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from './keys.ts';

export const getGraphSchema = (org: string, namespace: string, graph: string, signal?: AbortSignal) =>
  api.get<GraphSchemaResponse>(graphPaths.graphSchema(org, namespace, graph), signal);

export const getGraphSchemaQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'schema'],
    queryFn: ({ signal }) => getGraphSchema(org, namespace, graph, signal),
  });

export const useGraphSchema = (org: string, namespace: string, graph: string) =>
  useQuery(getGraphSchemaQueryOptions(org, namespace, graph));
