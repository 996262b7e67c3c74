import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { paths } from '@/config/paths';
import { ApiError } from './api-client.ts';

function isSessionLost(error: unknown): boolean {
  // invalid_credentials is a wrong password on a form, not a lost session.
  return error instanceof ApiError && error.status === 401 && error.code !== 'invalid_credentials';
}

/**
 * A session that ends while a page is open (expired, revoked elsewhere) sends the person
 * to login and back. A full page load drops every cached answer of the old session.
 */
function onSessionLost() {
  const { pathname, search } = window.location;
  // Forms on these pages report their own 401s.
  if (pathname === paths.login.path || pathname.startsWith('/invite/')) return;
  window.location.replace(paths.login.getHref(pathname + search));
}

export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    // Route loaders handle their own 401s (redirecting with redirectTo); this is for pages already shown.
    onError: (error, query) => {
      if (isSessionLost(error) && query.getObserversCount() > 0) onSessionLost();
    },
  }),
  mutationCache: new MutationCache({
    onError: (error) => {
      if (isSessionLost(error)) onSessionLost();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      // Client errors will not fix themselves; only retry what might (network, 5xx).
      retry: (failures, error) =>
        failures < 2 && (!(error instanceof ApiError) || error.status === 0 || error.status >= 500),
    },
    mutations: { retry: false },
  },
});
