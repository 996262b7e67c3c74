import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type FeatureFlag } from '../../../../shared/api/feature-flags.ts';
import { api } from '@/lib/api-client';
import { flagsQueryKey } from './keys.ts';

export const getFlags = (org: string, namespace: string, signal?: AbortSignal) =>
  api.get<{ featureFlags: FeatureFlag[] }>(flagPaths.flags(org, namespace), signal);

export const getFlagsQueryOptions = (org: string, namespace: string) =>
  queryOptions({ queryKey: [...flagsQueryKey(org, namespace), '$list'], queryFn: ({ signal }) => getFlags(org, namespace, signal) });

export const useFlags = (org: string, namespace: string) => useQuery(getFlagsQueryOptions(org, namespace));
