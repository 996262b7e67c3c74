import { API_PREFIX } from './paths.ts';

/** Graph-registry API paths, in one place for the studio, the CLI, the router and the tests. */
const e = encodeURIComponent;
const ns = (org: string, namespace: string) => `${API_PREFIX}/orgs/${e(org)}/namespaces/${e(namespace)}`;
const graph = (org: string, namespace: string, name: string) => `${ns(org, namespace)}/graphs/${e(name)}`;
const subgraph = (org: string, namespace: string, name: string) =>
  `${ns(org, namespace)}/subgraphs/${e(name)}`;

export const graphPaths = {
  namespaces: (org: string) => `${API_PREFIX}/orgs/${e(org)}/namespaces`,
  namespace: ns,
  graphs: (org: string, namespace: string) => `${ns(org, namespace)}/graphs`,
  graph,
  graphSchema: (org: string, namespace: string, name: string) => `${graph(org, namespace, name)}/schema`,
  compositions: (org: string, namespace: string, name: string) =>
    `${graph(org, namespace, name)}/compositions`,
  composition: (org: string, namespace: string, name: string, id: string) =>
    `${graph(org, namespace, name)}/compositions/${e(id)}`,
  headerRules: (org: string, namespace: string, name: string) => `${graph(org, namespace, name)}/header-rules`,
  routerTokens: (org: string, namespace: string, name: string) =>
    `${graph(org, namespace, name)}/router-tokens`,
  routerToken: (org: string, namespace: string, name: string, id: string) =>
    `${graph(org, namespace, name)}/router-tokens/${e(id)}`,
  subgraphs: (org: string, namespace: string) => `${ns(org, namespace)}/subgraphs`,
  subgraph,
  subgraphSchema: (org: string, namespace: string, name: string) =>
    `${subgraph(org, namespace, name)}/schema`,
  subgraphVersions: (org: string, namespace: string, name: string) =>
    `${subgraph(org, namespace, name)}/schema/versions`,
  subgraphVersion: (org: string, namespace: string, name: string, version: number) =>
    `${subgraph(org, namespace, name)}/schema/versions/${version}`,
  subgraphDiff: (org: string, namespace: string, name: string, from: number, to: number) =>
    `${subgraph(org, namespace, name)}/schema/diff?from=${from}&to=${to}`,
  subgraphCheck: (org: string, namespace: string, name: string) => `${subgraph(org, namespace, name)}/check`,
  auditLog: (org: string) => `${API_PREFIX}/orgs/${e(org)}/audit-log`,
  /** Router endpoints: `Authorization: Bearer <router token>`. */
  routerConfig: `${API_PREFIX}/router/config`,
  routerConfigStream: `${API_PREFIX}/router/config/stream`,
  /** PUT: the entity keys the router saw in base-graph traffic (shared/router-observed-keys.ts). */
  routerObservedKeys: `${API_PREFIX}/router/observed-keys`,
  /** Immutable, unauthenticated: the content hash is the capability. */
  cdnRouterConfig: (hash: string) => `/cdn/v1/router-configs/${hash}.json`,
} as const;
