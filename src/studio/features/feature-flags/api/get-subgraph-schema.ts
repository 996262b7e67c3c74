import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SchemaVersionWithSdl } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { subgraphQueryKey } from '@/features/graphs/api/keys';

/** The base subgraph's latest SDL, which a mock starts from. */
export const getLatestSubgraphSchema = (org: string, namespace: string, subgraph: string, signal?: AbortSignal) =>
  api.get<SchemaVersionWithSdl>(graphPaths.subgraphSchema(org, namespace, subgraph), signal);

export const getLatestSubgraphSchemaQueryOptions = (org: string, namespace: string, subgraph: string) =>
  queryOptions({
    queryKey: [...subgraphQueryKey(org, namespace, subgraph), 'latest-schema'],
    queryFn: ({ signal }) => getLatestSubgraphSchema(org, namespace, subgraph, signal),
  });

export const useLatestSubgraphSchema = (org: string, namespace: string, subgraph: string) =>
  useQuery(getLatestSubgraphSchemaQueryOptions(org, namespace, subgraph));
