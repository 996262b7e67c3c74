import { forbidden, notFound } from '../http/errors.ts';
import { hashToken, newApiKey } from '../auth/tokens.ts';
import type { OrgContext, Principal } from '../auth/principal.ts';
import { actorId } from '../auth/principal.ts';
import type { ApiKeyRepository, ApiKeyRow } from './api-key-repository.ts';
import type { ApiKey, CreateApiKeyRequest, CreatedApiKey } from '../../shared/api/organizations.ts';
import { roleAtLeast } from '../../shared/roles.ts';

export class ApiKeyService {
  constructor(private readonly deps: { apiKeys: ApiKeyRepository; now: () => Date }) {}

  async list(org: OrgContext): Promise<ApiKey[]> {
    const rows = await this.deps.apiKeys.list(org.id);
    return rows.map((r) => toApiKey(r.key, r.createdBy));
  }

  async create(org: OrgContext, principal: Principal, input: CreateApiKeyRequest): Promise<CreatedApiKey> {
    // A key never grants more than its creator holds.
    if (!roleAtLeast(org.role, input.role)) {
      throw forbidden(`You are ${org.role} and cannot create a key with the ${input.role} role`);
    }
    const creator = actorId(principal);
    if (!creator) throw forbidden('This API key has no owner and cannot create other keys');
    const { key, prefix } = newApiKey();
    const now = this.deps.now();
    const row = await this.deps.apiKeys.create({
      organizationId: org.id,
      name: input.name,
      prefix,
      keyHash: hashToken(key),
      role: input.role,
      createdBy: creator,
      expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
    });
    const createdBy = principal.kind === 'session' ? principal.user.email : null;
    return { apiKey: toApiKey(row, createdBy), key };
  }

  async revoke(org: OrgContext, id: string): Promise<ApiKey> {
    const found = await this.deps.apiKeys.findInOrg(org.id, id);
    if (!found) throw notFound('No API key with that id in this organization');
    if (!found.key.revokedAt) await this.deps.apiKeys.revoke(org.id, id, this.deps.now());
    const after = await this.deps.apiKeys.findInOrg(org.id, id);
    return toApiKey(after!.key, after!.createdBy);
  }
}

function toApiKey(row: ApiKeyRow, createdBy: string | null): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
