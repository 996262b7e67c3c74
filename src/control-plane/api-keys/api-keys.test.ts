import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';

let ts: TestServer;
let clock = Date.now();
beforeAll(async () => {
  ts = await startTestServer({}, { now: () => new Date(clock) });
});
afterAll(() => ts.close());

describe('API keys', () => {
  it('are shown once, stored hashed, listed by prefix, and authenticate as Bearer', async () => {
    const admin = await ts.admin();
    const created = await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'CI pipeline', role: 'developer' });
    expect(created.status).toBe(201);
    const key = created.body.key as string;
    const apiKey = created.body.apiKey as { id: string; prefix: string; lastUsedAt: string | null };
    expect(key.startsWith(`${apiKey.prefix}_`)).toBe(true);
    expect(apiKey.lastUsedAt).toBeNull();

    const list = await admin.json('GET', `/api/v1/orgs/${ORG}/api-keys`);
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.apiKeys).toEqual([expect.objectContaining({ id: apiKey.id, name: 'CI pipeline', prefix: apiKey.prefix, role: 'developer', revokedAt: null })]);

    // The database holds only a hash.
    const { rows } = await (ts.database.driver.kind === 'pglite'
      ? ts.database.driver.client.query<{ key_hash: string }>('SELECT key_hash FROM api_keys')
      : ts.database.driver.pool.query<{ key_hash: string }>('SELECT key_hash FROM api_keys'));
    expect(rows[0]!.key_hash).not.toContain(key.slice(12));
    expect(rows[0]!.key_hash).toMatch(/^[a-f0-9]{64}$/);

    const cli = ts.client().withApiKey(key);
    const me = await cli.json('GET', '/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ via: 'api_key', csrfToken: null, organizations: [{ slug: ORG, role: 'developer' }] });
    // Bearer requests need no CSRF token.
    expect((await cli.json('GET', `/api/v1/orgs/${ORG}/members`)).status).toBe(200);
    // A developer key cannot manage keys.
    expect((await cli.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'x', role: 'viewer' })).status).toBe(403);

    const after = await admin.json('GET', `/api/v1/orgs/${ORG}/api-keys`);
    expect((after.body.apiKeys as { lastUsedAt: string | null }[])[0]!.lastUsedAt).not.toBeNull();
  });

  it('a revoked key stops working at once with a clear message', async () => {
    const admin = await ts.admin();
    const created = await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'short-lived', role: 'viewer' });
    const key = created.body.key as string;
    const { id, prefix } = created.body.apiKey as { id: string; prefix: string };
    const revoked = await admin.json('DELETE', `/api/v1/orgs/${ORG}/api-keys/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).not.toBeNull();
    const res = await ts.client().withApiKey(key).json('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error).toEqual({ code: 'unauthenticated', message: `API key ${prefix} has been revoked` });
  });

  it('expire after their lifetime', async () => {
    const admin = await ts.admin();
    const created = await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'expiring', role: 'viewer', expiresInDays: 1 });
    const key = created.body.key as string;
    expect((await ts.client().withApiKey(key).json('GET', '/api/v1/auth/me')).status).toBe(200);
    clock += 2 * 86_400_000;
    const res = await ts.client().withApiKey(key).json('GET', '/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error?.message).toMatch(/expired/);
  });

  it('an admin key can create keys but never above its own role; a viewer key is read-only', async () => {
    const admin = await ts.admin();
    const adminKey = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'admin key', role: 'admin' })).body.key as string;
    const viaKey = await ts.client().withApiKey(adminKey).json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'child', role: 'viewer' });
    expect(viaKey.status).toBe(201);
    const viewerKey = viaKey.body.key as string;
    expect((await ts.client().withApiKey(viewerKey).json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'z@example.test', role: 'viewer' })).status).toBe(403);
  });

  it('rejects unknown keys, non-key bearer tokens and malformed Authorization headers', async () => {
    const unknown = await ts.client().withApiKey('sy_abcdefgh_notarealkey').json('GET', '/api/v1/auth/me');
    expect(unknown.status).toBe(401);
    expect(unknown.body.error?.message).toBe('Invalid API key');
    const other = await ts.client().withApiKey('something-else').json('GET', '/api/v1/auth/me');
    expect(other.status).toBe(401);
    const malformed = await ts.client().json('GET', '/api/v1/auth/me', undefined, { authorization: 'Basic abc' });
    expect(malformed.status).toBe(401);
    expect(malformed.body.error?.message).toMatch(/Bearer/);
  });

  it('keys of another organization do not reach this one', async () => {
    const admin = await ts.admin();
    const key = (await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'k', role: 'admin' })).body.key as string;
    const res = await ts.client().withApiKey(key).json('GET', '/api/v1/orgs/another-org/members');
    expect(res.status).toBe(404);
  });

  it('an unknown key id is a 404', async () => {
    const admin = await ts.admin();
    expect((await admin.json('DELETE', `/api/v1/orgs/${ORG}/api-keys/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
