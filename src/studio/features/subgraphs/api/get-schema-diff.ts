import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SchemaDiff } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { subgraphQueryKey } from '@/features/graphs/api/keys';

export const getSchemaDiff = (org: string, namespace: string, subgraph: string, from: number, to: number, signal?: AbortSignal) =>
  api.get<SchemaDiff>(graphPaths.subgraphDiff(org, namespace, subgraph, from, to), signal);

export const getSchemaDiffQueryOptions = (org: string, namespace: string, subgraph: string, from: number, to: number) =>
  queryOptions({
    queryKey: [...subgraphQueryKey(org, namespace, subgraph), 'diff', from, to],
    queryFn: ({ signal }) => getSchemaDiff(org, namespace, subgraph, from, to, signal),
    staleTime: Infinity,
  });

export const useSchemaDiff = (org: string, namespace: string, subgraph: string, from: number | null, to: number | null) =>
  useQuery({
    ...getSchemaDiffQueryOptions(org, namespace, subgraph, from ?? 0, to ?? 0),
    enabled: from !== null && to !== null && from !== to,
  });
