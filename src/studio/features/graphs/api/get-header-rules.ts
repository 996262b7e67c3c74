import { queryOptions, useQuery } from '@tanstack/react-query';
import type { GraphHeaderRules } from '../../../../shared/api/header-rules.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from './keys.ts';

export const getHeaderRules = (org: string, namespace: string, graph: string, signal?: AbortSignal) =>
  api.get<GraphHeaderRules>(graphPaths.headerRules(org, namespace, graph), signal);

export const getHeaderRulesQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'header-rules'],
    queryFn: ({ signal }) => getHeaderRules(org, namespace, graph, signal),
  });

export const useHeaderRules = (org: string, namespace: string, graph: string) =>
  useQuery(getHeaderRulesQueryOptions(org, namespace, graph));
