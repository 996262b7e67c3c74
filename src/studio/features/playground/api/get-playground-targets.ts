import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import { getGraphSchema } from '@/features/graphs/api/get-graph-schema';
import { graphQueryKey } from '@/features/graphs/api/keys';

/** Something the playground can send requests to: the base graph or one of its feature flags. */
export interface PlaygroundTarget {
  flag: string | null;
  label: string;
  description?: string;
  /** Only enabled flags that composed are served by the router. */
  available: boolean;
}

export interface TargetSchema {
  clientSchema: string;
  compositionId: string | null;
}

export const getTargetSchema = async (org: string, namespace: string, graph: string, flag: string | null, signal?: AbortSignal): Promise<TargetSchema> => {
  if (!flag) {
    const s = await getGraphSchema(org, namespace, graph, signal);
    return { clientSchema: s.clientSchema, compositionId: s.compositionId };
  }
  const s = await api.get<{ flag: { clientSchema: string | null; compositionId: string | null } }>(
    `/api/v1/orgs/${org}/namespaces/${encodeURIComponent(namespace)}/feature-flags/${encodeURIComponent(flag)}/schema-diff?graph=${encodeURIComponent(graph)}`,
    signal,
  );
  return { clientSchema: s.flag.clientSchema ?? '', compositionId: s.flag.compositionId };
};

export const getTargetSchemaQueryOptions = (org: string, namespace: string, graph: string, flag: string | null) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'playground-schema', flag ?? ''],
    queryFn: ({ signal }) => getTargetSchema(org, namespace, graph, flag, signal),
  });

export const useTargetSchema = (org: string, namespace: string | null, graph: string | null, flag: string | null) =>
  useQuery({ ...getTargetSchemaQueryOptions(org, namespace ?? '', graph ?? '', flag), enabled: Boolean(namespace && graph) });

interface FlagSummary {
  name: string;
  enabled: boolean;
  description?: string | null;
  status?: string;
}

export const getPlaygroundTargets = async (org: string, namespace: string, graph: string, signal?: AbortSignal): Promise<PlaygroundTarget[]> => {
  const base: PlaygroundTarget = { flag: null, label: 'Base graph', description: `${namespace}/${graph}`, available: true };
  const res = await api
    .get<{ featureFlags: FlagSummary[] }>(
      `/api/v1/orgs/${org}/namespaces/${encodeURIComponent(namespace)}/graphs/${encodeURIComponent(graph)}/feature-flags`,
      signal,
    )
    .catch(() => ({ featureFlags: [] as FlagSummary[] }));
  return [
    base,
    ...res.featureFlags.map((f) => ({
      flag: f.name,
      label: `Flag: ${f.name}`,
      description: f.enabled ? (f.description ?? undefined) : 'disabled',
      available: f.enabled,
    })),
  ];
};

export const getPlaygroundTargetsQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'playground-targets'],
    queryFn: ({ signal }) => getPlaygroundTargets(org, namespace, graph, signal),
  });

export const usePlaygroundTargets = (org: string, namespace: string | null, graph: string | null) =>
  useQuery({ ...getPlaygroundTargetsQueryOptions(org, namespace ?? '', graph ?? ''), enabled: Boolean(namespace && graph) });
