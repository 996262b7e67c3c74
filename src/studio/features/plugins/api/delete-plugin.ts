import { useMutation, useQueryClient } from '@tanstack/react-query';
import { pluginPaths } from '../../../../shared/api/plugins.ts';
import { api } from '@/lib/api-client';
import { pluginQueryKey, pluginsQueryKey } from './keys.ts';

export const deletePlugin = (org: string, namespace: string, plugin: string) => api.delete(pluginPaths.plugin(org, namespace, plugin));

export function useDeletePlugin(org: string, namespace: string, plugin: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => deletePlugin(org, namespace, plugin),
    onSuccess: () => {
      // The page navigates away; a refetch of the deleted plugin would only 404.
      queryClient.removeQueries({ queryKey: pluginQueryKey(org, namespace, plugin) });
      return queryClient.invalidateQueries({ queryKey: pluginsQueryKey(org, namespace) });
    },
  });
}
