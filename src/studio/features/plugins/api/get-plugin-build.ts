import { queryOptions, useQuery } from '@tanstack/react-query';
import type { PluginBuildDetail } from '../../../../shared/api/plugins.ts';
import { pluginPaths } from '../../../../shared/api/plugins.ts';
import { api } from '@/lib/api-client';
import { pluginQueryKey } from './keys.ts';

export const getPluginBuild = (org: string, namespace: string, plugin: string, version: string, signal?: AbortSignal) =>
  api.get<PluginBuildDetail>(pluginPaths.build(org, namespace, plugin, version), signal);

export const getPluginBuildQueryOptions = (org: string, namespace: string, plugin: string, version: string) =>
  queryOptions({
    queryKey: [...pluginQueryKey(org, namespace, plugin), 'build', version],
    queryFn: ({ signal }) => getPluginBuild(org, namespace, plugin, version, signal),
    // A version never changes once uploaded.
    staleTime: Infinity,
  });

export const usePluginBuild = (org: string, namespace: string, plugin: string, version: string | null | undefined) =>
  useQuery({ ...getPluginBuildQueryOptions(org, namespace, plugin, version ?? ''), enabled: Boolean(version) });
