import { queryOptions, useQuery } from '@tanstack/react-query';
import { pluginPaths, type PluginBuildList, type PluginList } from '../../../../shared/api/plugins.ts';
import { api } from '@/lib/api-client';

// The plugin picker of the swap dialog; the plugins pages own the rest of this API.
const pluginsKey = (org: string, namespace: string) => ['orgs', org, 'namespaces', namespace, 'plugins'] as const;

export const getPlugins = (org: string, namespace: string, signal?: AbortSignal) =>
  api.get<PluginList>(pluginPaths.list(org, namespace), signal);

export const getPluginsQueryOptions = (org: string, namespace: string) =>
  queryOptions({ queryKey: [...pluginsKey(org, namespace), '$list'], queryFn: ({ signal }) => getPlugins(org, namespace, signal) });

export const usePlugins = (org: string, namespace: string) => useQuery(getPluginsQueryOptions(org, namespace));

export const getPluginBuilds = (org: string, namespace: string, plugin: string, signal?: AbortSignal) =>
  api.get<PluginBuildList>(pluginPaths.builds(org, namespace, plugin), signal);

export const getPluginBuildsQueryOptions = (org: string, namespace: string, plugin: string) =>
  queryOptions({
    queryKey: [...pluginsKey(org, namespace), plugin, 'builds'],
    queryFn: ({ signal }) => getPluginBuilds(org, namespace, plugin, signal),
  });

export const usePluginBuilds = (org: string, namespace: string, plugin: string | null) =>
  useQuery({ ...getPluginBuildsQueryOptions(org, namespace, plugin ?? ''), enabled: Boolean(plugin) });
