import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/client.ts';
import { apiKeys, users } from '../db/schema.ts';
import type { Role } from '../../shared/roles.ts';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

export class ApiKeyRepository {
  constructor(private readonly db: Database) {}

  async create(input: {
    organizationId: string;
    name: string;
    prefix: string;
    keyHash: string;
    role: Role;
    createdBy: string;
    expiresAt: Date | null;
  }): Promise<ApiKeyRow> {
    const [row] = await this.db.insert(apiKeys).values(input).returning();
    return row!;
  }

  async findByHash(keyHash: string): Promise<ApiKeyRow | undefined> {
    const [row] = await this.db.select().from(apiKeys).where(eq(apiKeys.keyHash, keyHash)).limit(1);
    return row;
  }

  async list(organizationId: string) {
    return this.db
      .select({ key: apiKeys, createdBy: users.email })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdBy))
      .where(eq(apiKeys.organizationId, organizationId))
      .orderBy(desc(apiKeys.createdAt));
  }

  async findInOrg(organizationId: string, id: string) {
    const [row] = await this.db
      .select({ key: apiKeys, createdBy: users.email })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdBy))
      .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, id)))
      .limit(1);
    return row;
  }

  async revoke(organizationId: string, id: string, now: Date): Promise<boolean> {
    const rows = await this.db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    return rows.length > 0;
  }

  async touch(id: string, now: Date): Promise<void> {
    await this.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, id));
  }
}
