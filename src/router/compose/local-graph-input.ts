import type { SubgraphInput } from '../../shared/composition/compose.ts';
import type { HeaderRules } from '../../shared/header-rules.ts';
import type { GrpcMapping, PluginBuildRef, SubgraphKind } from '../../shared/router-config.ts';

/** A subgraph to compose; plugins and gRPC services (from a Cosmo graph.yaml) say how to reach them. */
export interface LocalSubgraph extends SubgraphInput {
  kind?: SubgraphKind;
  plugin?: PluginBuildRef | null;
  grpc?: GrpcMapping | null;
}

export interface LocalGraphInput {
  graph?: { namespace: string; name: string } | undefined;
  subgraphs: LocalSubgraph[];
  /** Each flag replaces the base subgraphs of the same name (or adds new ones). */
  featureFlags?: { name: string; subgraphs: LocalSubgraph[] }[];
  /** Which client headers reach the subgraphs; flags get the same. Absent: none. */
  headers?: HeaderRules;
  builtAt?: string;
}

/** The subgraphs file is unreadable or invalid; the message says where and why. */
export class SubgraphsFileError extends Error {
  override name = 'SubgraphsFileError';
}
