import { matchesLabelMatchers } from '../../../shared/labels.ts';
import type { GraphRow } from '../federated-graphs/graph-repository.ts';
import type { SubgraphRow } from '../subgraphs/subgraph-repository.ts';

// Apart from composer.ts: feature flags need these too, and composer.ts imports the flag
// composer, so taking them from there made the two import each other.

/** The subgraphs of a namespace that belong to a graph, by its label matchers. */
export function membersOf(graph: Pick<GraphRow, 'labelMatchers'>, subgraphs: SubgraphRow[]): SubgraphRow[] {
  return subgraphs.filter((s) => matchesLabelMatchers(s.labels, graph.labelMatchers));
}

/** The URL composition records for a subgraph; plugins have none, so they get a stable placeholder. */
export function compositionUrl(s: { name: string; url: string | null }): string {
  return s.url ?? `grpc-plugin://${s.name}`;
}
