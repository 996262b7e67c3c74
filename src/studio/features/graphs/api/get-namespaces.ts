import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Namespace } from '../../../../shared/api/graphs.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';

export const namespacesQueryKey = (org: string) => ['orgs', org, 'namespaces', '$list'] as const;

export const getNamespaces = (org: string, signal?: AbortSignal) =>
  api.get<{ namespaces: Namespace[] }>(graphPaths.namespaces(org), signal);

export const getNamespacesQueryOptions = (org: string) =>
  queryOptions({ queryKey: namespacesQueryKey(org), queryFn: ({ signal }) => getNamespaces(org, signal) });

export const useNamespaces = (org: string) => useQuery(getNamespacesQueryOptions(org));
