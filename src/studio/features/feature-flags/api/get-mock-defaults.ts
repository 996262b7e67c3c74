import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type MockDefaults } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { flagQueryKey } from './keys.ts';

/** The mocks.json a mock swap starts from: key pools sampled from the base graph, or the current swap's. */
export const getMockDefaults = (org: string, namespace: string, flag: string, subgraph: string, signal?: AbortSignal) =>
  api.get<MockDefaults>(flagPaths.mockDefaults(org, namespace, flag, subgraph), signal);

export const getMockDefaultsQueryOptions = (org: string, namespace: string, flag: string, subgraph: string) =>
  queryOptions({
    queryKey: [...flagQueryKey(org, namespace, flag), 'mock-defaults', subgraph],
    queryFn: ({ signal }) => getMockDefaults(org, namespace, flag, subgraph, signal),
    // Sampled once per dialog: the pre-filled text must not change under the person's edits.
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

export const useMockDefaults = (org: string, namespace: string, flag: string, subgraph: string) =>
  useQuery(getMockDefaultsQueryOptions(org, namespace, flag, subgraph));
