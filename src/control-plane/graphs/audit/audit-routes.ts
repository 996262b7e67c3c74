import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import type { Database } from '../../db/client.ts';
import { orgParamsSchema } from '../../../shared/api/organizations.ts';
import { auditListSchema, auditQuerySchema, type AuditEntry } from '../../../shared/api/audit.ts';
import { AuditRepository, type AuditRow } from './audit-repository.ts';

export function registerAuditRoutes(router: Router, db: Database) {
  router.route({
    method: 'GET',
    url: '/api/v1/orgs/:org/audit-log',
    tag: 'audit',
    summary: 'Who changed what in the graph registry, newest first (paginated with cursor)',
    access: access.org('viewer'),
    params: orgParamsSchema,
    query: auditQuerySchema,
    response: auditListSchema,
    handler: async ({ org, query }) => {
      const rows = await new AuditRepository(db).list(
        org.id,
        query.limit + 1,
        query.cursor === undefined ? undefined : Number(query.cursor),
      );
      const page = rows.slice(0, query.limit);
      return {
        entries: page.map(toAuditEntry),
        nextCursor: rows.length > query.limit ? String(page[page.length - 1]!.id) : null,
      };
    },
  });
}

function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: String(row.id),
    createdAt: row.createdAt.toISOString(),
    actor: { kind: row.actorKind, label: row.actorLabel },
    action: row.action,
    resourceType: row.resourceType as AuditEntry['resourceType'],
    resourceName: row.resourceName,
    namespace: row.namespace,
    details: row.details,
  };
}
