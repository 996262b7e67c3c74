import type { FeatureFlagDetail } from '../../../shared/api/feature-flags.ts';

/** One subgraph of a graph the flag applies to, with the swap it has in this flag (if any). */
export type FlagSubgraphRow = FeatureFlagDetail['graphSubgraphs'][number]['subgraphs'][number];
export type FlagGraphState = FeatureFlagDetail['graphs'][number];
