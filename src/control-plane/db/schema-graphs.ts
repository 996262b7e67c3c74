import { bigserial, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { ObservedKeySet } from '../../shared/router-observed-keys.ts';
import type { HeaderRules } from '../../shared/header-rules.ts';
import type { SubgraphKind } from '../../shared/router-config.ts';
import type { CompositionErrorInfo } from '../../shared/composition/compose.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const namespaces = pgTable(
  'namespaces',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    name: text('name').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.organizationId, t.name)],
);

export const federatedGraphs = pgTable(
  'federated_graphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    namespaceId: uuid('namespace_id').notNull(),
    name: text('name').notNull(),
    routingUrl: text('routing_url').notNull(),
    labelMatchers: jsonb('label_matchers').$type<string[]>().notNull(),
    /** which client headers reach the subgraphs (migration 6 gives existing graphs the default) */
    headerRules: jsonb('header_rules').$type<HeaderRules>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.namespaceId, t.name)],
);

export const subgraphs = pgTable(
  'subgraphs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    namespaceId: uuid('namespace_id').notNull(),
    name: text('name').notNull(),
    type: text('type').$type<SubgraphKind>().notNull(),
    routingUrl: text('routing_url'),
    labels: jsonb('labels').$type<string[]>().notNull(),
    pluginName: text('plugin_name'),
    pluginVersion: text('plugin_version'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.namespaceId, t.name)],
);

export const schemaVersions = pgTable(
  'schema_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    subgraphId: uuid('subgraph_id').notNull(),
    version: integer('version').notNull(),
    sdl: text('sdl').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.subgraphId, t.version)],
);

/** What went into one composition: enough to rebuild it and to show it in the history. */
export interface CompositionInput {
  subgraphId: string;
  name: string;
  kind: SubgraphKind;
  url: string | null;
  schemaVersionId: string;
  version: number;
  /** grpc_plugin only: the plugin (null: the subgraph's name) and pinned build (null: newest) */
  pluginName?: string | null;
  pluginVersion?: string | null;
}

export const compositions = pgTable('compositions', {
  id: uuid('id').primaryKey().defaultRandom(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  graphId: uuid('graph_id').notNull(),
  status: text('status').$type<'success' | 'failed'>().notNull(),
  trigger: text('trigger').notNull(),
  triggeredBy: uuid('triggered_by'),
  triggeredByLabel: text('triggered_by_label').notNull(),
  inputs: jsonb('inputs').$type<CompositionInput[]>().notNull(),
  errors: jsonb('errors').$type<CompositionErrorInfo[]>().notNull(),
  supergraphSdl: text('supergraph_sdl'),
  clientSchema: text('client_schema'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const routerConfigs = pgTable('router_configs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  graphId: uuid('graph_id').notNull(),
  compositionId: uuid('composition_id'),
  hash: text('hash').notNull(),
  config: text('config').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const routerTokens = pgTable('router_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull(),
  graphId: uuid('graph_id').notNull(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull().unique(),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: uuid('created_by'),
  createdByLabel: text('created_by_label').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
});

/** Each router token's newest push of observed entity keys (migration 10). */
export const routerObservedKeys = pgTable(
  'router_observed_keys',
  {
    graphId: uuid('graph_id').notNull(),
    routerTokenId: uuid('router_token_id').notNull(),
    keys: jsonb('keys').$type<ObservedKeySet>().notNull(),
    pushedAt: ts('pushed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.graphId, t.routerTokenId] })],
);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  organizationId: uuid('organization_id').notNull(),
  actorKind: text('actor_kind').$type<'user' | 'api_key' | 'system'>().notNull(),
  actorUserId: uuid('actor_user_id'),
  actorLabel: text('actor_label').notNull(),
  action: text('action').notNull(),
  resourceType: text('resource_type').notNull(),
  resourceName: text('resource_name').notNull(),
  namespace: text('namespace'),
  details: jsonb('details').$type<Record<string, unknown>>().notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});
