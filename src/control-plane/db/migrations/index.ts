import auth from './0001-auth.ts';
import graphRegistry from './0002-graph-registry.ts';
import plugins from './0003-plugins.ts';
import featureFlags from './0004-feature-flags.ts';
import pluginPins from './0005-plugin-pins.ts';
import headerRules from './0006-header-rules.ts';
import playground from './0007-playground.ts';
import oidc from './0008-oidc.ts';
import cosmoFeatureSubgraphs from './0009-cosmo-feature-subgraphs.ts';
import routerObservedKeys from './0010-router-observed-keys.ts';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/**
 * Migrations are TypeScript modules holding SQL so that they ship inside the build
 * with no copy step. Append only: an applied migration is never edited.
 */
export const migrations: Migration[] = [
  { id: 1, name: 'auth', sql: auth },
  { id: 2, name: 'graph-registry', sql: graphRegistry },
  { id: 3, name: 'plugins', sql: plugins },
  { id: 4, name: 'feature-flags', sql: featureFlags },
  { id: 5, name: 'plugin-pins', sql: pluginPins },
  { id: 6, name: 'header-rules', sql: headerRules },
  { id: 7, name: 'playground', sql: playground },
  { id: 8, name: 'oidc', sql: oidc },
  { id: 9, name: 'cosmo-feature-subgraphs', sql: cosmoFeatureSubgraphs },
  { id: 10, name: 'router-observed-keys', sql: routerObservedKeys },
];
