import { createHash } from 'node:crypto';
import { Kind, parse } from 'graphql';
import { ROUTER_CONFIG_FORMAT, type RouterConfig } from '../shared/router-config.ts';

/**
 * A router config around a bare supergraph SDL (`switchyard router --supergraph`): every
 * subgraph is an HTTP subgraph at the URL its join__graph directive names.
 */
export function routerConfigFromSupergraph(
  supergraphSdl: string,
  graph = { namespace: 'default', name: 'local' },
  builtAt = new Date().toISOString(),
): RouterConfig {
  const subgraphs: RouterConfig['base']['subgraphs'] = [];
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const directive = value.directives?.find((d) => d.name.value === 'join__graph');
      const arg = (n: string) => {
        const v = directive?.arguments?.find((a) => a.name.value === n)?.value;
        return v?.kind === Kind.STRING ? v.value : null;
      };
      const name = arg('name');
      if (name)
        subgraphs.push({
          name,
          kind: 'standard',
          url: arg('url') || null,
          plugin: null,
          grpc: null,
          sdl: '',
        });
    }
  }
  if (subgraphs.length === 0)
    throw new Error('The supergraph has no join__Graph subgraphs; is it a Federation supergraph?');
  const id = createHash('sha256').update(supergraphSdl).digest('hex').slice(0, 16);
  return {
    format: ROUTER_CONFIG_FORMAT,
    graph: { id: `local-${id}`, ...graph },
    base: { compositionId: `supergraph-${id}`, supergraphSdl, subgraphs },
    featureFlags: [],
    builtAt,
  };
}
