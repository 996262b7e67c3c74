import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { playgroundPaths, type PlaygroundSettings } from '../../../../shared/api/playground.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from '@/features/graphs/api/keys';

export interface GraphRef {
  org: string;
  namespace: string;
  graph: string;
}

const settingsKey = (g: GraphRef) => [...graphQueryKey(g.org, g.namespace, g.graph), 'playground-settings'] as const;

export const getPlaygroundSettings = (g: GraphRef, signal?: AbortSignal) =>
  api.get<PlaygroundSettings>(playgroundPaths.settings(g.org, g.namespace, g.graph), signal);

export const getPlaygroundSettingsQueryOptions = (g: GraphRef) =>
  queryOptions({ queryKey: settingsKey(g), queryFn: ({ signal }) => getPlaygroundSettings(g, signal) });

export const usePlaygroundSettings = (g: GraphRef) => useQuery(getPlaygroundSettingsQueryOptions(g));

export const updateSharedEnvironment = (g: GraphRef, variables: Record<string, string>) =>
  api.put<PlaygroundSettings>(playgroundPaths.environment(g.org, g.namespace, g.graph), { variables });

export const updatePreflightScript = (g: GraphRef, script: string) =>
  api.put<PlaygroundSettings>(playgroundPaths.preflight(g.org, g.namespace, g.graph), { script });

/** Both writes answer with the whole settings, which replace the cached ones. */
export function useUpdatePlaygroundSettings(g: GraphRef) {
  const qc = useQueryClient();
  const onSuccess = (data: PlaygroundSettings) => qc.setQueryData(settingsKey(g), data);
  return {
    environment: useMutation({ mutationFn: (v: Record<string, string>) => updateSharedEnvironment(g, v), onSuccess }),
    preflight: useMutation({ mutationFn: (script: string) => updatePreflightScript(g, script), onSuccess }),
  };
}
