import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type FlagSchemaDiff } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { flagQueryKey } from './keys.ts';

export const getFlagSchemaDiff = (org: string, namespace: string, flag: string, graph: string, signal?: AbortSignal) =>
  api.get<FlagSchemaDiff>(flagPaths.schemaDiff(org, namespace, flag, graph), signal);

/** Keyed by the flag's version as well, so every swap or restore diffs afresh. */
export const getFlagSchemaDiffQueryOptions = (org: string, namespace: string, flag: string, graph: string, version: number) =>
  queryOptions({
    queryKey: [...flagQueryKey(org, namespace, flag), 'schema-diff', graph, version],
    queryFn: ({ signal }) => getFlagSchemaDiff(org, namespace, flag, graph, signal),
  });

export const useFlagSchemaDiff = (org: string, namespace: string, flag: string, graph: string | null, version: number) =>
  useQuery({ ...getFlagSchemaDiffQueryOptions(org, namespace, flag, graph ?? '', version), enabled: Boolean(graph) });
