import { useQuery } from '@tanstack/react-query';
import { ROUTER_MISSES_PATH, entityMissesResponseSchema, type EntityMissesResponse } from '../../../../shared/router-misses.ts';
import { RouterUnreachableError, routerBaseUrl } from '@/features/graphs/api/get-router-plugins';

/**
 * The keys the staging router's subgraphs did not find for this flag, straight from the
 * router (as its plugin status is read): where a mock's references went wrong.
 */
export async function getRouterMisses(routingUrl: string, flag: string, signal?: AbortSignal): Promise<EntityMissesResponse> {
  const url = `${routerBaseUrl(routingUrl)}${ROUTER_MISSES_PATH}?flag=${encodeURIComponent(flag)}`;
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch {
    throw new RouterUnreachableError(`No answer from ${url}: the router is not running there, or it does not allow this studio's origin.`);
  }
  if (!res.ok) throw new RouterUnreachableError(`${url} answered ${res.status}: this router may be older than the entity-miss log.`);
  const parsed = entityMissesResponseSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new RouterUnreachableError(`${url} did not answer with a list of entity misses.`);
  return parsed.data;
}

export const useRouterMisses = (routingUrl: string | undefined, flag: string) =>
  useQuery({
    queryKey: ['router-misses', routingUrl, flag],
    queryFn: ({ signal }) => getRouterMisses(routingUrl!, flag, signal),
    enabled: Boolean(routingUrl),
    refetchInterval: 5_000,
    retry: false,
  });
