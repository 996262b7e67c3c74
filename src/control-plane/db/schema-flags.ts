import { bigserial, boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { CompositionErrorInfo } from '../../shared/composition/compose.ts';
import type { RoutedSubgraph } from '../../shared/router-config.ts';
import type { SwapKind } from '../../shared/api/feature-flags.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const featureFlags = pgTable(
  'feature_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    namespaceId: uuid('namespace_id').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    labels: jsonb('labels').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    updatedByLabel: text('updated_by_label').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.namespaceId, t.name)],
);

export const featureSubgraphs = pgTable(
  'feature_subgraphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    featureFlagId: uuid('feature_flag_id').notNull(),
    baseSubgraphName: text('base_subgraph_name').notNull(),
    kind: text('kind').$type<SwapKind>().notNull(),
    routingUrl: text('routing_url'),
    sdl: text('sdl'),
    mocks: jsonb('mocks'),
    pluginName: text('plugin_name'),
    pluginVersion: text('plugin_version'),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.featureFlagId, t.baseSubgraphName)],
);

export const featureFlagCompositions = pgTable('feature_flag_compositions', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  featureFlagId: uuid('feature_flag_id').notNull(),
  graphId: uuid('graph_id').notNull(),
  status: text('status').$type<'success' | 'failed'>().notNull(),
  trigger: text('trigger').notNull(),
  triggeredBy: uuid('triggered_by'),
  triggeredByLabel: text('triggered_by_label').notNull(),
  inputKey: text('input_key').notNull(),
  subgraphs: jsonb('subgraphs').$type<RoutedSubgraph[]>().notNull(),
  errors: jsonb('errors').$type<CompositionErrorInfo[]>().notNull(),
  supergraphSdl: text('supergraph_sdl'),
  clientSchema: text('client_schema'),
  createdAt: ts('created_at').notNull().defaultNow(),
});
