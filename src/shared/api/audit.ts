import { z } from 'zod';

/** The organization's audit log: who changed what in the graph registry, and when. */

export const auditActorKindSchema = z.enum(['user', 'api_key', 'system']);

export const auditEntrySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  actor: z.object({
    kind: auditActorKindSchema,
    /** an email, `api-key:<name>` or `system:<what>` */
    label: z.string(),
  }),
  /** e.g. graph.created, subgraph.schema_published, router_token.revoked, member.sso_login, member.role_changed */
  action: z.string(),
  resourceType: z.enum(['namespace', 'graph', 'subgraph', 'router_token', 'feature_flag', 'member']),
  /** the resource's name; for router tokens `<graph>/<token name>`, for members their email */
  resourceName: z.string(),
  namespace: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** nextCursor of the previous page */
  cursor: z.string().regex(/^\d+$/, 'Not a valid cursor').optional(),
});

export const auditListSchema = z.object({
  entries: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
export type AuditList = z.infer<typeof auditListSchema>;
