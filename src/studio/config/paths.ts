/** Every studio URL, in one place: routes use `path`, links use `getHref`. */
const org = (slug: string) => `/o/${encodeURIComponent(slug)}`;
const graphHref = (slug: string, namespace: string, graph: string) =>
  `${org(slug)}/graphs/${encodeURIComponent(namespace)}/${encodeURIComponent(graph)}`;

export const paths = {
  home: { path: '/', getHref: () => '/' },
  login: {
    path: '/login',
    getHref: (redirectTo?: string | null) =>
      redirectTo ? `/login?redirectTo=${encodeURIComponent(redirectTo)}` : '/login',
  },
  invite: { path: '/invite/:token', getHref: (token: string) => `/invite/${encodeURIComponent(token)}` },
  org: {
    root: { path: '/o/:org', getHref: org },
    graphs: { path: '/o/:org/graphs', getHref: (slug: string) => `${org(slug)}/graphs` },
    graph: {
      root: { path: '/o/:org/graphs/:namespace/:graph', getHref: graphHref },
      schema: { path: 'schema', getHref: (slug: string, ns: string, name: string) => `${graphHref(slug, ns, name)}/schema` },
      compositions: {
        path: 'compositions',
        getHref: (slug: string, ns: string, name: string) => `${graphHref(slug, ns, name)}/compositions`,
      },
      composition: {
        path: 'compositions/:compositionId',
        getHref: (slug: string, ns: string, name: string, id: string) =>
          `${graphHref(slug, ns, name)}/compositions/${encodeURIComponent(id)}`,
      },
      subgraphs: { path: 'subgraphs', getHref: (slug: string, ns: string, name: string) => `${graphHref(slug, ns, name)}/subgraphs` },
      routerTokens: {
        path: 'router-tokens',
        getHref: (slug: string, ns: string, name: string) => `${graphHref(slug, ns, name)}/router-tokens`,
      },
      settings: { path: 'settings', getHref: (slug: string, ns: string, name: string) => `${graphHref(slug, ns, name)}/settings` },
      featureFlags: {
        path: 'feature-flags',
        getHref: (slug: string, ns: string, name: string) => `${graphHref(slug, ns, name)}/feature-flags`,
      },
    },
    subgraph: {
      path: '/o/:org/subgraphs/:namespace/:subgraph',
      getHref: (slug: string, ns: string, name: string) =>
        `${org(slug)}/subgraphs/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`,
    },
    featureFlags: { path: '/o/:org/feature-flags', getHref: (slug: string) => `${org(slug)}/feature-flags` },
    featureFlag: {
      path: '/o/:org/feature-flags/:namespace/:flag',
      /** `graph` picks which applicable graph the page shows (its subgraphs, diff, playground). */
      getHref: (slug: string, ns: string, flag: string, graph?: string) =>
        `${org(slug)}/feature-flags/${encodeURIComponent(ns)}/${encodeURIComponent(flag)}${graph ? `?graph=${encodeURIComponent(graph)}` : ''}`,
    },
    plugins: { path: '/o/:org/plugins', getHref: (slug: string) => `${org(slug)}/plugins` },
    plugin: {
      path: '/o/:org/plugins/:namespace/:plugin',
      getHref: (slug: string, ns: string, name: string) =>
        `${org(slug)}/plugins/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`,
    },
    playground: { path: '/o/:org/playground', getHref: (slug: string) => `${org(slug)}/playground` },
    settings: {
      root: { path: '/o/:org/settings', getHref: (slug: string) => `${org(slug)}/settings` },
      members: { path: '/o/:org/settings/members', getHref: (slug: string) => `${org(slug)}/settings/members` },
      apiKeys: { path: '/o/:org/settings/api-keys', getHref: (slug: string) => `${org(slug)}/settings/api-keys` },
      sessions: { path: '/o/:org/settings/sessions', getHref: (slug: string) => `${org(slug)}/settings/sessions` },
      audit: { path: '/o/:org/settings/audit', getHref: (slug: string) => `${org(slug)}/settings/audit` },
    },
  },
} as const;

/**
 * Only same-origin paths are followed after login, so a crafted link cannot bounce a
 * freshly logged-in user to another site ("//evil.example" and "/\evil" included).
 */
export function safeRedirectTo(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  if (value === paths.login.path || value.startsWith(`${paths.login.path}?`)) return null;
  return value;
}
