import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SchemaVersionWithSdl } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { subgraphQueryKey } from '@/features/graphs/api/keys';

export const getSchemaVersion = (org: string, namespace: string, subgraph: string, version: number, signal?: AbortSignal) =>
  api.get<SchemaVersionWithSdl>(graphPaths.subgraphVersion(org, namespace, subgraph, version), signal);

export const getSchemaVersionQueryOptions = (org: string, namespace: string, subgraph: string, version: number) =>
  queryOptions({
    queryKey: [...subgraphQueryKey(org, namespace, subgraph), 'version', version],
    queryFn: ({ signal }) => getSchemaVersion(org, namespace, subgraph, version, signal),
    // Versions are immutable.
    staleTime: Infinity,
  });

export const useSchemaVersion = (org: string, namespace: string, subgraph: string, version: number | null) =>
  useQuery({ ...getSchemaVersionQueryOptions(org, namespace, subgraph, version ?? 0), enabled: version !== null });
