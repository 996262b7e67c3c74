import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const playgroundSettings = pgTable('playground_settings', {
  graphId: uuid('graph_id').primaryKey(),
  environment: jsonb('environment').$type<Record<string, string>>().notNull(),
  environmentUpdatedBy: text('environment_updated_by'),
  environmentUpdatedAt: ts('environment_updated_at'),
  preflightScript: text('preflight_script').notNull(),
  preflightUpdatedBy: text('preflight_updated_by'),
  preflightUpdatedAt: ts('preflight_updated_at'),
});

export const playgroundCollections = pgTable('playground_collections', {
  id: uuid('id').primaryKey().defaultRandom(),
  graphId: uuid('graph_id').notNull(),
  name: text('name').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const playgroundOperations = pgTable('playground_operations', {
  id: uuid('id').primaryKey().defaultRandom(),
  collectionId: uuid('collection_id').notNull(),
  name: text('name').notNull(),
  query: text('query').notNull(),
  variables: text('variables').notNull(),
  headers: text('headers').notNull(),
  flag: text('flag'),
  createdBy: text('created_by').notNull(),
  updatedBy: text('updated_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
