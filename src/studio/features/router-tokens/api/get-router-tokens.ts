import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RouterToken } from '../../../../shared/api/router-tokens.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from '@/features/graphs/api/keys';

export const routerTokensQueryKey = (org: string, namespace: string, graph: string) =>
  [...graphQueryKey(org, namespace, graph), 'router-tokens'] as const;

export const getRouterTokens = (org: string, namespace: string, graph: string, signal?: AbortSignal) =>
  api.get<{ routerTokens: RouterToken[] }>(graphPaths.routerTokens(org, namespace, graph), signal);

export const getRouterTokensQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: routerTokensQueryKey(org, namespace, graph),
    queryFn: ({ signal }) => getRouterTokens(org, namespace, graph, signal),
  });

export const useRouterTokens = (org: string, namespace: string, graph: string) =>
  useQuery(getRouterTokensQueryOptions(org, namespace, graph));
