import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { hashPassword } from './auth/passwords.ts';
import { UserRepository } from './users/user-repository.ts';
import { OrganizationRepository } from './organizations/organization-repository.ts';

const BOOTSTRAP_LOCK = 0x5357_5945;
export const DEFAULT_ADMIN_EMAIL = 'admin@switchyard.local';

export type BootstrapResult =
  | { created: false }
  | { created: true; email: string; organizationSlug: string; generatedPassword: string | null };

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'default';
}

/**
 * On an empty database, creates the first organization and its admin. There is never
 * a fixed default password: without SWITCHYARD_ADMIN_PASSWORD a random one is made and
 * returned so the caller can print it once.
 */
export async function bootstrapFirstAdmin(db: Database, config: Config['admin']): Promise<BootstrapResult> {
  const generatedPassword = config.password ? null : randomBytes(18).toString('base64url');
  const password = config.password ?? generatedPassword!;
  const passwordHash = await hashPassword(password);
  const email = (config.email ?? DEFAULT_ADMIN_EMAIL).toLowerCase();
  return db.transaction(async (tx) => {
    // Instances starting together on one database must not both create an admin.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const users = new UserRepository(tx);
    if ((await users.count()) > 0) return { created: false } as const;
    const orgs = new OrganizationRepository(tx);
    const org = await orgs.create({ slug: slugify(config.orgName), name: config.orgName });
    const user = await users.create({ email, name: 'Admin', passwordHash });
    await orgs.addMember(org.id, user.id, 'admin');
    return { created: true, email, organizationSlug: org.slug, generatedPassword } as const;
  });
}
