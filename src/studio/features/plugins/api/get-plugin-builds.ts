import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PluginBuildList } from '../../../../shared/api/plugins.ts';
import { pluginPaths } from '../../../../shared/api/plugins.ts';
import { api } from '@/lib/api-client';
import { pluginQueryKey } from './keys.ts';

export const getPluginBuilds = (org: string, namespace: string, plugin: string, signal?: AbortSignal) =>
  api.get<PluginBuildList>(pluginPaths.builds(org, namespace, plugin), signal);

export const getPluginBuildsQueryOptions = (org: string, namespace: string, plugin: string) =>
  queryOptions({
    queryKey: [...pluginQueryKey(org, namespace, plugin), 'builds'],
    queryFn: ({ signal }) => getPluginBuilds(org, namespace, plugin, signal),
  });

export const usePluginBuilds = (org: string, namespace: string, plugin: string) =>
  useQuery(getPluginBuildsQueryOptions(org, namespace, plugin));
