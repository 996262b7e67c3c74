import { redirect, type LoaderFunctionArgs } from 'react-router';
import type { MeResponse } from '../../shared/api/auth.ts';
import { paths, safeRedirectTo } from '@/config/paths';
import { isApiError } from '@/lib/api-client';
import { queryClient } from '@/lib/query-client';
import { getMeQueryOptions } from '@/features/auth/api/get-me';

function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const here = url.pathname + url.search;
  return redirect(paths.login.getHref(here === paths.home.path ? null : here));
}

/** The route guard: the current user, or a redirect to login that comes back here afterwards. */
export async function requireMe(request: Request): Promise<MeResponse> {
  try {
    return await queryClient.ensureQueryData({ ...getMeQueryOptions(), revalidateIfStale: true });
  } catch (err) {
    if (isApiError(err, 401)) throw loginRedirect(request);
    throw err;
  }
}

export function landingPath(me: MeResponse): string {
  const first = me.organizations[0];
  return first ? paths.org.graphs.getHref(first.slug) : paths.home.getHref();
}

/** "/" goes to the first organization's graphs; with no organization, the page explains. */
export async function homeLoader({ request }: LoaderFunctionArgs) {
  const me = await requireMe(request);
  const first = me.organizations[0];
  if (first) throw redirect(paths.org.graphs.getHref(first.slug));
  return null;
}

export async function orgLoader({ request, params }: LoaderFunctionArgs) {
  const me = await requireMe(request);
  if (!me.organizations.some((o) => o.slug === params.org)) {
    // Same answer for "does not exist" and "not yours", as the API does.
    throw new Response(null, { status: 404, statusText: 'Organization not found' });
  }
  return null;
}

/** A logged-in visitor to /login goes straight on. */
export async function loginLoader({ request }: LoaderFunctionArgs) {
  try {
    const me = await queryClient.ensureQueryData(getMeQueryOptions());
    const target = safeRedirectTo(new URL(request.url).searchParams.get('redirectTo'));
    return redirect(target ?? landingPath(me));
  } catch {
    // Logged out (or the server is unreachable): show the form, which reports errors itself.
    return null;
  }
}
