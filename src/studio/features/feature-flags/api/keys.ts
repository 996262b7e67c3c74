import { namespaceKey } from '@/features/graphs/api/keys';

/**
 * Under the namespace key: a schema publish there recomposes flags too, and a flag change
 * invalidates the namespace so graph pages and the playground's targets refresh with it.
 */
export const flagsQueryKey = (org: string, namespace: string) => [...namespaceKey(org, namespace), 'feature-flags'] as const;
export const flagQueryKey = (org: string, namespace: string, flag: string) => [...flagsQueryKey(org, namespace), flag] as const;
