import { and, desc, eq, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
import type { Actor } from '../actor.ts';

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditRecord {
  organizationId: string;
  actor: Actor;
  action: string;
  resourceType: 'namespace' | 'graph' | 'subgraph' | 'router_token' | 'feature_flag' | 'member';
  resourceName: string;
  namespace: string | null;
  details?: Record<string, unknown>;
  now: Date;
}

/** Written inside the transaction of the change it records, so neither exists without the other. */
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async record(r: AuditRecord): Promise<void> {
    await this.db.insert(auditLog).values({
      organizationId: r.organizationId,
      actorKind: r.actor.kind,
      actorUserId: r.actor.userId,
      actorLabel: r.actor.label,
      action: r.action,
      resourceType: r.resourceType,
      resourceName: r.resourceName,
      namespace: r.namespace,
      details: r.details ?? {},
      createdAt: r.now,
    });
  }

  async list(organizationId: string, limit: number, beforeId: number | undefined): Promise<AuditRow[]> {
    return this.db
      .select()
      .from(auditLog)
      .where(
        beforeId === undefined
          ? eq(auditLog.organizationId, organizationId)
          : and(eq(auditLog.organizationId, organizationId), lt(auditLog.id, beforeId)),
      )
      .orderBy(desc(auditLog.id))
      .limit(limit);
  }
}
