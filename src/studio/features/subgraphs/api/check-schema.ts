import { useMutation } from '@tanstack/react-query';
import type { CheckSchemaResponse } from '../../../../shared/api/schema-registry.ts';
import { graphPaths } from '../../../../shared/api/graph-paths.ts';
import { api } from '@/lib/api-client';

/** Composes a proposed schema with every graph the subgraph is in and diffs it, publishing nothing. */
export const checkSchema = (org: string, namespace: string, subgraph: string, sdl: string) =>
  api.post<CheckSchemaResponse>(graphPaths.subgraphCheck(org, namespace, subgraph), { sdl });

export function useCheckSchema(org: string, namespace: string, subgraph: string) {
  return useMutation({ mutationFn: (sdl: string) => checkSchema(org, namespace, subgraph, sdl) });
}
