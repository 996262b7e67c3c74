import { bigint, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const plugins = pgTable(
  'plugins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull(),
    namespaceId: uuid('namespace_id').notNull(),
    name: text('name').notNull(),
    description: text('description'),
    createdBy: uuid('created_by'),
    createdByLabel: text('created_by_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.namespaceId, t.name)],
);

/** Immutable: a trigger refuses UPDATE; rows go only when their plugin is deleted. */
export const pluginBuilds = pgTable(
  'plugin_builds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pluginId: uuid('plugin_id').notNull(),
    organizationId: uuid('organization_id').notNull(),
    seq: integer('seq').notNull(),
    version: text('version').notNull(),
    sha256: text('sha256').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    platforms: text('platforms').array().notNull(),
    schemaFile: text('schema_file').notNull(),
    schemaSdl: text('schema_sdl').notNull(),
    protoSchema: text('proto_schema').notNull(),
    mapping: jsonb('mapping').notNull(),
    serviceName: text('service_name'),
    grpcSource: text('grpc_source').$type<'archive' | 'generated'>().notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedByLabel: text('uploaded_by_label').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [unique().on(t.pluginId, t.version), unique().on(t.pluginId, t.sha256), unique().on(t.pluginId, t.seq)],
);
