import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PluginList } from '../../../../shared/api/plugins.ts';
import { pluginPaths } from '../../../../shared/api/plugins.ts';
import { api } from '@/lib/api-client';
import { pluginsQueryKey } from './keys.ts';

export const getPlugins = (org: string, namespace: string, signal?: AbortSignal) =>
  api.get<PluginList>(pluginPaths.list(org, namespace), signal);

export const getPluginsQueryOptions = (org: string, namespace: string) =>
  queryOptions({
    queryKey: [...pluginsQueryKey(org, namespace), '$list'],
    queryFn: ({ signal }) => getPlugins(org, namespace, signal),
  });

export const usePlugins = (org: string, namespace: string) => useQuery(getPluginsQueryOptions(org, namespace));
