import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  playgroundPaths,
  type Collection,
  type SavedOperation,
  type SaveOperationRequest,
  type UpdateOperationRequest,
} from '../../../../shared/api/playground.ts';
import { api } from '@/lib/api-client';
import { graphQueryKey } from '@/features/graphs/api/keys';
import type { GraphRef } from './playground-settings.ts';

const collectionsKey = (g: GraphRef) => [...graphQueryKey(g.org, g.namespace, g.graph), 'playground-collections'] as const;
const p = playgroundPaths;

export const getCollections = async (g: GraphRef, signal?: AbortSignal) =>
  (await api.get<{ collections: Collection[] }>(p.collections(g.org, g.namespace, g.graph), signal)).collections;

export const getCollectionsQueryOptions = (g: GraphRef) =>
  queryOptions({ queryKey: collectionsKey(g), queryFn: ({ signal }) => getCollections(g, signal) });

export const useCollections = (g: GraphRef) => useQuery(getCollectionsQueryOptions(g));

export const getSavedOperation = (g: GraphRef, id: string, signal?: AbortSignal) =>
  api.get<SavedOperation>(p.operation(g.org, g.namespace, g.graph, id), signal);

export const getSavedOperationQueryOptions = (g: GraphRef, id: string) =>
  queryOptions({ queryKey: [...collectionsKey(g), 'operation', id], queryFn: ({ signal }) => getSavedOperation(g, id, signal) });

/** For share links that name a saved operation. */
export const useSavedOperation = (g: GraphRef | null, id: string | null) =>
  useQuery({ ...getSavedOperationQueryOptions(g ?? { org: '', namespace: '', graph: '' }, id ?? ''), enabled: Boolean(g && id) });

/** Every change refreshes the graph's collections. */
export function useCollectionActions(g: GraphRef) {
  const qc = useQueryClient();
  // Not awaited: the change is done when the server says so; the list catches up on its own.
  const onSuccess = () => void qc.invalidateQueries({ queryKey: collectionsKey(g) });
  return {
    create: useMutation({
      mutationFn: (name: string) => api.post<Collection>(p.collections(g.org, g.namespace, g.graph), { name }),
      onSuccess,
    }),
    rename: useMutation({
      mutationFn: ({ id, name }: { id: string; name: string }) => api.patch<Collection>(p.collection(g.org, g.namespace, g.graph, id), { name }),
      onSuccess,
    }),
    remove: useMutation({ mutationFn: (id: string) => api.delete(p.collection(g.org, g.namespace, g.graph, id)), onSuccess }),
    save: useMutation({
      mutationFn: ({ collectionId, op }: { collectionId: string; op: SaveOperationRequest }) =>
        api.post<SavedOperation>(p.collectionOperations(g.org, g.namespace, g.graph, collectionId), op),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, changes }: { id: string; changes: UpdateOperationRequest }) =>
        api.patch<SavedOperation>(p.operation(g.org, g.namespace, g.graph, id), changes),
      onSuccess,
    }),
    removeOperation: useMutation({ mutationFn: (id: string) => api.delete(p.operation(g.org, g.namespace, g.graph, id)), onSuccess }),
  };
}
