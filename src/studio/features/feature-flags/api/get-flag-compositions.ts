import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type FlagComposition } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { flagQueryKey } from './keys.ts';

const LIMIT = 20;

export const getFlagCompositions = (org: string, namespace: string, flag: string, signal?: AbortSignal) =>
  api.get<{ compositions: FlagComposition[] }>(`${flagPaths.compositions(org, namespace, flag)}?limit=${LIMIT}`, signal);

export const getFlagCompositionsQueryOptions = (org: string, namespace: string, flag: string) =>
  queryOptions({
    queryKey: [...flagQueryKey(org, namespace, flag), 'compositions'],
    queryFn: ({ signal }) => getFlagCompositions(org, namespace, flag, signal),
  });

export const useFlagCompositions = (org: string, namespace: string, flag: string) =>
  useQuery(getFlagCompositionsQueryOptions(org, namespace, flag));
