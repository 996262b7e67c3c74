import { useQuery } from '@tanstack/react-query';
import { ROUTER_PLUGINS_PATH, routerPluginsResponseSchema, type RouterPluginsResponse } from '../../../../shared/router-plugins.ts';

/** The router's base URL from a graph's routing URL (its GraphQL endpoint). */
export function routerBaseUrl(routingUrl: string): string {
  return routingUrl.replace(/\/+$/, '').replace(/\/graphql$/, '');
}

/** Why the router did not answer, in words a user can act on. */
export class RouterUnreachableError extends Error {}

/**
 * Straight from the staging router, not through the control plane: what it runs now.
 * The router allows the studio's origin (CORS), and needs no credentials for this.
 */
export async function getRouterPlugins(routingUrl: string, signal?: AbortSignal): Promise<RouterPluginsResponse> {
  const url = `${routerBaseUrl(routingUrl)}${ROUTER_PLUGINS_PATH}`;
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch {
    throw new RouterUnreachableError(
      `No answer from ${url}: the router is not running there, or it does not allow this studio's origin (SWITCHYARD_ROUTER_CORS_ORIGINS).`,
    );
  }
  if (!res.ok) throw new RouterUnreachableError(`${url} answered ${res.status}: this router may be older than the plugin status endpoint.`);
  const parsed = routerPluginsResponseSchema.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new RouterUnreachableError(`${url} did not answer with a plugin list.`);
  return parsed.data;
}

export const useRouterPlugins = (routingUrl: string) =>
  useQuery({
    queryKey: ['router-plugins', routingUrl],
    queryFn: ({ signal }) => getRouterPlugins(routingUrl, signal),
    refetchInterval: 5_000,
    retry: false,
  });
