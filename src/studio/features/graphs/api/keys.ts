/** Query keys of the graph registry; everything in a namespace shares a prefix, so a publish can refresh it all. */
export const namespaceKey = (org: string, namespace: string) => ['orgs', org, 'namespaces', namespace] as const;
export const graphsQueryKey = (org: string, namespace: string) => [...namespaceKey(org, namespace), 'graphs'] as const;
export const graphQueryKey = (org: string, namespace: string, graph: string) =>
  [...graphsQueryKey(org, namespace), graph] as const;
export const subgraphsQueryKey = (org: string, namespace: string) => [...namespaceKey(org, namespace), 'subgraphs'] as const;
export const subgraphQueryKey = (org: string, namespace: string, subgraph: string) =>
  [...subgraphsQueryKey(org, namespace), subgraph] as const;
