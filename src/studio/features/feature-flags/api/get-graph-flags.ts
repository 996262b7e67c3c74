import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type FeatureFlag } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { flagsQueryKey } from './keys.ts';

export const getGraphFlags = (org: string, namespace: string, graph: string, signal?: AbortSignal) =>
  api.get<{ featureFlags: FeatureFlag[] }>(flagPaths.graphFlags(org, namespace, graph), signal);

export const getGraphFlagsQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: [...flagsQueryKey(org, namespace), '$graph', graph],
    queryFn: ({ signal }) => getGraphFlags(org, namespace, graph, signal),
  });

export const useGraphFlags = (org: string, namespace: string, graph: string) =>
  useQuery(getGraphFlagsQueryOptions(org, namespace, graph));
