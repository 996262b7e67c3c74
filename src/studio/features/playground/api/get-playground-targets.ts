import { queryOptions, useQuery } from '@tanstack/react-query';
import { flagPaths, type FeatureFlag, type FeatureFlagDetail, type FlagSchemaDiff } from '../../../../shared/api/feature-flags.ts';
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
  const [diff, detail] = await Promise.all([
    api.get<FlagSchemaDiff>(flagPaths.schemaDiff(org, namespace, flag, graph), signal),
    api.get<FeatureFlagDetail>(flagPaths.flag(org, namespace, flag), signal),
  ]);
  if (diff.flagSdl === null) throw new Error(`Feature flag "${flag}" has no composed schema for graph "${graph}"`);
  const composition = detail.graphs.find((g) => g.graph === graph)?.composition ?? null;
  return { clientSchema: diff.flagSdl, compositionId: composition?.id ?? null };
};

export const getTargetSchemaQueryOptions = (org: string, namespace: string, graph: string, flag: string | null) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'playground-schema', flag ?? ''],
    queryFn: ({ signal }) => getTargetSchema(org, namespace, graph, flag, signal),
  });

export const useTargetSchema = (org: string, namespace: string | null, graph: string | null, flag: string | null) =>
  useQuery({ ...getTargetSchemaQueryOptions(org, namespace ?? '', graph ?? '', flag), enabled: Boolean(namespace && graph) });

export const getPlaygroundTargets = async (org: string, namespace: string, graph: string, signal?: AbortSignal): Promise<PlaygroundTarget[]> => {
  const base: PlaygroundTarget = { flag: null, label: 'Base graph', description: `${namespace}/${graph}`, available: true };
  const res = await api.get<{ featureFlags: FeatureFlag[] }>(flagPaths.graphFlags(org, namespace, graph), signal);
  return [
    base,
    ...res.featureFlags.map((f) => {
      // Only flags in this graph's router config can answer: enabled and composed.
      const state = f.graphs.find((g) => g.graph === graph);
      const why = !f.enabled ? 'disabled' : state?.status === 'failed' ? 'does not compose' : state?.live ? undefined : 'not served yet';
      return { flag: f.name, label: `Flag: ${f.name}`, description: why ?? (f.description || undefined), available: Boolean(state?.live) };
    }),
  ];
};

export const getPlaygroundTargetsQueryOptions = (org: string, namespace: string, graph: string) =>
  queryOptions({
    queryKey: [...graphQueryKey(org, namespace, graph), 'playground-targets'],
    queryFn: ({ signal }) => getPlaygroundTargets(org, namespace, graph, signal),
  });

export const usePlaygroundTargets = (org: string, namespace: string | null, graph: string | null) =>
  useQuery({ ...getPlaygroundTargetsQueryOptions(org, namespace ?? '', graph ?? ''), enabled: Boolean(namespace && graph) });
