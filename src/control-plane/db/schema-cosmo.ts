import { pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Cosmo feature subgraphs created through wgc (migration 9, decision 0013). */
export const cosmoFeatureSubgraphs = pgTable(
  'cosmo_feature_subgraphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    namespaceId: uuid('namespace_id').notNull(),
    name: text('name').notNull(),
    baseSubgraphName: text('base_subgraph_name').notNull(),
    routingUrl: text('routing_url').notNull(),
    sdl: text('sdl'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.namespaceId, t.name)],
);

export const cosmoFlagFeatureSubgraphs = pgTable(
  'cosmo_flag_feature_subgraphs',
  {
    featureFlagId: uuid('feature_flag_id').notNull(),
    featureSubgraphId: uuid('feature_subgraph_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.featureFlagId, t.featureSubgraphId] })],
);
