import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type FeatureFlagDetail } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { flagQueryKey } from './keys.ts';

export const getFlag = (org: string, namespace: string, flag: string, signal?: AbortSignal) =>
  api.get<FeatureFlagDetail>(flagPaths.flag(org, namespace, flag), signal);

export const getFlagQueryOptions = (org: string, namespace: string, flag: string) =>
  queryOptions({ queryKey: [...flagQueryKey(org, namespace, flag), 'detail'], queryFn: ({ signal }) => getFlag(org, namespace, flag, signal) });

export const useFlag = (org: string, namespace: string, flag: string) => useQuery(getFlagQueryOptions(org, namespace, flag));
