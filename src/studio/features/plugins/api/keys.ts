import { namespaceKey } from '@/features/graphs/api/keys';

/** Plugins live in a namespace, so whatever refreshes a namespace refreshes them too. */
export const pluginsQueryKey = (org: string, namespace: string) => [...namespaceKey(org, namespace), 'plugins'] as const;
export const pluginQueryKey = (org: string, namespace: string, plugin: string) =>
  [...pluginsQueryKey(org, namespace), plugin] as const;
