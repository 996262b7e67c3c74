import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SchemaVersion } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { subgraphQueryKey } from '@/features/graphs/api/keys';

export const getSchemaVersions = (org: string, namespace: string, subgraph: string, signal?: AbortSignal) =>
  api.get<{ versions: SchemaVersion[] }>(graphPaths.subgraphVersions(org, namespace, subgraph), signal);

export const getSchemaVersionsQueryOptions = (org: string, namespace: string, subgraph: string) =>
  queryOptions({
    queryKey: [...subgraphQueryKey(org, namespace, subgraph), 'versions'],
    queryFn: ({ signal }) => getSchemaVersions(org, namespace, subgraph, signal),
  });

export const useSchemaVersions = (org: string, namespace: string, subgraph: string) =>
  useQuery(getSchemaVersionsQueryOptions(org, namespace, subgraph));
