import { createBrowserRouter, redirect, RouterProvider } from 'react-router';
import { paths } from '@/config/paths';
import { homeLoader, loginLoader, orgLoader } from './guards.ts';
import { RootLayout } from './routes/root-layout.tsx';
import { RouteErrorBoundary } from './routes/route-error.tsx';
import { PageSpinner } from '@/components/ui/spinner';

// Pages are lazy so the login page does not carry the settings screens (nor, later, GraphiQL).
export const router = createBrowserRouter([
  {
    id: 'root',
    Component: RootLayout,
    HydrateFallback: () => <PageSpinner />,
    ErrorBoundary: RouteErrorBoundary,
    children: [
      { path: paths.login.path, loader: loginLoader, lazy: () => import('./routes/login.tsx') },
      { path: paths.invite.path, lazy: () => import('./routes/invite.tsx') },
      { path: paths.home.path, loader: homeLoader, lazy: () => import('./routes/no-organizations.tsx') },
      {
        path: paths.org.root.path,
        loader: orgLoader,
        lazy: () => import('./routes/org/org-layout.tsx'),
        children: [
          {
            // Errors in a page render inside the layout, so navigation stays available.
            ErrorBoundary: RouteErrorBoundary,
            children: [
              { index: true, loader: ({ params }) => redirect(paths.org.graphs.getHref(params.org!)) },
              { path: paths.org.graphs.path, lazy: () => import('./routes/org/graphs.tsx') },
              {
                path: paths.org.graph.root.path,
                lazy: () => import('./routes/org/graphs/graph-layout.tsx'),
                children: [
                  { index: true, lazy: () => import('./routes/org/graphs/overview.tsx') },
                  { path: paths.org.graph.schema.path, lazy: () => import('./routes/org/graphs/schema.tsx') },
                  { path: paths.org.graph.compositions.path, lazy: () => import('./routes/org/graphs/compositions.tsx') },
                  { path: paths.org.graph.composition.path, lazy: () => import('./routes/org/graphs/composition.tsx') },
                  { path: paths.org.graph.subgraphs.path, lazy: () => import('./routes/org/graphs/subgraphs.tsx') },
                  { path: paths.org.graph.routerTokens.path, lazy: () => import('./routes/org/graphs/router-tokens.tsx') },
                  { path: paths.org.graph.settings.path, lazy: () => import('./routes/org/graphs/settings.tsx') },
                  { path: paths.org.graph.featureFlags.path, lazy: () => import('./routes/org/feature-flags/graph-flags.tsx') },
                ],
              },
              { path: paths.org.subgraph.path, lazy: () => import('./routes/org/subgraphs/subgraph.tsx') },
              { path: paths.org.featureFlags.path, lazy: () => import('./routes/org/feature-flags.tsx') },
              { path: paths.org.featureFlag.path, lazy: () => import('./routes/org/feature-flags/flag.tsx') },
              { path: paths.org.plugins.path, lazy: () => import('./routes/org/plugins.tsx') },
              { path: paths.org.plugin.path, lazy: () => import('./routes/org/plugins/plugin.tsx') },
              { path: paths.org.playground.path, lazy: () => import('./routes/org/playground.tsx') },
              {
                path: paths.org.settings.root.path,
                lazy: () => import('./routes/org/settings/settings-layout.tsx'),
                children: [
                  { index: true, loader: ({ params }) => redirect(paths.org.settings.members.getHref(params.org!)) },
                  { path: paths.org.settings.members.path, lazy: () => import('./routes/org/settings/members.tsx') },
                  { path: paths.org.settings.apiKeys.path, lazy: () => import('./routes/org/settings/api-keys.tsx') },
                  { path: paths.org.settings.sessions.path, lazy: () => import('./routes/org/settings/sessions.tsx') },
                  { path: paths.org.settings.audit.path, lazy: () => import('./routes/org/settings/audit.tsx') },
                ],
              },
              { path: '*', lazy: () => import('./routes/not-found.tsx') },
            ],
          },
        ],
      },
      { path: '*', lazy: () => import('./routes/not-found.tsx') },
    ],
  },
]);

export function AppRouter() {
  return <RouterProvider router={router} />;
}
