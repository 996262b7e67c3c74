import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../http/errors.ts';
import { ADMIN_EMAIL, ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import { UserRepository } from '../users/user-repository.ts';
import { MemberService } from './member-service.ts';
import { OrganizationRepository } from './organization-repository.ts';

let ts: TestServer;
beforeAll(async () => {
  ts = await startTestServer();
});
afterAll(() => ts.close());

const acceptToken = (body: unknown) => String((body as { acceptPath: string }).acceptPath).split('/').pop()!;

describe('invitations', () => {
  it('an admin invites by email; the invitee previews, chooses a password and becomes a member', async () => {
    const admin = await ts.admin();
    const invite = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'New.Person@Example.test', role: 'developer' });
    expect(invite.status).toBe(201);
    expect(invite.body).toMatchObject({ invitation: { email: 'new.person@example.test', role: 'developer', invitedBy: ADMIN_EMAIL } });
    const token = acceptToken(invite.body);

    const preview = await ts.client().json('GET', `/api/v1/invitations/${token}`);
    expect(preview.body).toMatchObject({ email: 'new.person@example.test', role: 'developer', accountExists: false, organization: { slug: ORG } });

    const weak = await ts.client().json('POST', `/api/v1/invitations/${token}/accept`, { password: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error?.message).toMatch(/at least 12/);

    const invitee = ts.client();
    const accepted = await invitee.json('POST', `/api/v1/invitations/${token}/accept`, { name: 'New Person', password: 'a long enough password' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ user: { email: 'new.person@example.test', name: 'New Person' }, organizations: [{ slug: ORG, role: 'developer' }] });

    const again = await ts.client().json('POST', `/api/v1/invitations/${token}/accept`, { password: 'a long enough password' });
    expect(again.status).toBe(409);

    const list = await admin.json('GET', `/api/v1/orgs/${ORG}/members`);
    expect((list.body.members as { email: string }[]).map((m) => m.email)).toContain('new.person@example.test');
    expect(list.body.invitations).toEqual([]);
  });

  it('an existing member cannot be invited again', async () => {
    const admin = await ts.admin();
    const dup = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: ADMIN_EMAIL, role: 'viewer' });
    expect(dup.status).toBe(409);
    expect(dup.body.error?.message).toMatch(/already a member/);
  });

  it('an existing account joins another organization only with its current password', async () => {
    const { organizations, users } = ts.server.services;
    const other = await organizations.create({ slug: 'globex', name: 'Globex' });
    const adminUser = await users.findByEmail(ADMIN_EMAIL);
    await organizations.addMember(other.id, adminUser!.id, 'admin');
    await ts.member('developer', 'existing@example.test');

    const admin = await ts.admin();
    const invite = await admin.json('POST', '/api/v1/orgs/globex/invitations', { email: 'existing@example.test', role: 'viewer' });
    const token = acceptToken(invite.body);
    expect((await ts.client().json('GET', `/api/v1/invitations/${token}`)).body).toMatchObject({ accountExists: true, organization: { slug: 'globex' } });
    const wrong = await ts.client().json('POST', `/api/v1/invitations/${token}/accept`, { password: 'not the password at all' });
    expect(wrong.status).toBe(401);
    const right = await ts.client().json('POST', `/api/v1/invitations/${token}/accept`, { password: 'member password 123' });
    expect(right.status).toBe(200);
    expect((right.body.organizations as { slug: string; role: string }[]).map((o) => `${o.slug}:${o.role}`).sort()).toEqual(['acme:developer', 'globex:viewer']);
  });

  it('an account created by an SSO login while the invitation is accepted is a 409, not a second account', async () => {
    const admin = await ts.admin();
    const invite = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'racer@example.test', role: 'viewer' });
    const token = acceptToken(invite.body);
    const { db } = ts.database;
    const users = new UserRepository(db);
    // The moment of the race: the acceptance has looked for the account and found none, and a
    // first SSO login (which takes the same email lock) commits the account before it inserts one.
    const stale = Object.assign(Object.create(users) as UserRepository, {
      findByEmail: async (email: string) => {
        const found = await users.findByEmail(email);
        if (!found) await users.create({ email, name: 'Racer (SSO)', passwordHash: null });
        return undefined;
      },
    });
    const service = new MemberService({ db, users: stale, organizations: new OrganizationRepository(db), now: () => new Date() });
    const err = await service.accept(token, { password: 'a long enough password' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ status: 409, message: expect.stringMatching(/racer@example\.test was created while this invitation was being accepted/) });
    expect((await users.findByEmail('racer@example.test'))?.name).toBe('Racer (SSO)');
    // Nothing was used up: the invitation is still open.
    expect((await ts.client().json('GET', `/api/v1/invitations/${token}`)).status).toBe(200);
  });

  it('refuses a second open invitation for one email, and a revoked link stops working', async () => {
    const admin = await ts.admin();
    const first = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'twice@example.test', role: 'viewer' });
    const second = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'twice@example.test', role: 'viewer' });
    expect(second.status).toBe(409);
    const id = (first.body.invitation as { id: string }).id;
    expect((await admin.json('DELETE', `/api/v1/orgs/${ORG}/invitations/${id}`)).status).toBe(204);
    const res = await ts.client().json('POST', `/api/v1/invitations/${acceptToken(first.body)}/accept`, { password: 'a long enough password' });
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toMatch(/revoked/);
    expect((await admin.json('DELETE', `/api/v1/orgs/${ORG}/invitations/${id}`)).status).toBe(404);
    // After revoking, a new invitation can be sent.
    expect((await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'twice@example.test', role: 'viewer' })).status).toBe(201);
  });

  it('an unknown invitation token is a 404', async () => {
    const res = await ts.client().json('GET', '/api/v1/invitations/not-a-real-token-value');
    expect(res.status).toBe(404);
  });
});

describe('roles', () => {
  it('viewers and developers read members but cannot invite, change roles or remove', async () => {
    const admin = await ts.admin();
    for (const role of ['viewer', 'developer'] as const) {
      const c = await ts.member(role);
      expect((await c.json('GET', `/api/v1/orgs/${ORG}/members`)).status).toBe(200);
      const invite = await c.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: `${role}-x@example.test`, role: 'admin' });
      expect(invite.status).toBe(403);
      expect(invite.body.error?.message).toBe(`This needs the admin role in Acme; you are ${role}`);
      const members = (await admin.json('GET', `/api/v1/orgs/${ORG}/members`)).body.members as { userId: string; email: string }[];
      const adminId = members.find((m) => m.email === ADMIN_EMAIL)!.userId;
      expect((await c.json('PATCH', `/api/v1/orgs/${ORG}/members/${adminId}`, { role: 'viewer' })).status).toBe(403);
      expect((await c.json('DELETE', `/api/v1/orgs/${ORG}/members/${adminId}`)).status).toBe(403);
      expect((await c.json('GET', `/api/v1/orgs/${ORG}/api-keys`)).status).toBe(403);
      expect((await c.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'k', role: 'viewer' })).status).toBe(403);
    }
  });

  it('a non-member gets 404 for the organization, not a hint that it exists', async () => {
    const outsider = await ts.member('viewer', 'outsider@example.test');
    const admin = await ts.admin();
    const members = (await admin.json('GET', `/api/v1/orgs/${ORG}/members`)).body.members as { userId: string; email: string }[];
    const id = members.find((m) => m.email === 'outsider@example.test')!.userId;
    expect((await admin.json('DELETE', `/api/v1/orgs/${ORG}/members/${id}`)).status).toBe(204);
    const res = await outsider.json('GET', `/api/v1/orgs/${ORG}/members`);
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'Organization "acme" not found' });
    const missing = await outsider.json('GET', '/api/v1/orgs/does-not-exist/members');
    expect(missing.body.error).toEqual({ code: 'not_found', message: 'Organization "does-not-exist" not found' });
  });

  it('an admin changes a role, and the member’s rights follow at once', async () => {
    const admin = await ts.admin();
    const dev = await ts.member('developer', 'promote-me@example.test');
    const members = (await admin.json('GET', `/api/v1/orgs/${ORG}/members`)).body.members as { userId: string; email: string }[];
    const id = members.find((m) => m.email === 'promote-me@example.test')!.userId;
    expect((await dev.json('GET', `/api/v1/orgs/${ORG}/api-keys`)).status).toBe(403);
    expect((await admin.json('PATCH', `/api/v1/orgs/${ORG}/members/${id}`, { role: 'admin' })).status).toBe(204);
    expect((await dev.json('GET', `/api/v1/orgs/${ORG}/api-keys`)).status).toBe(200);
  });

  it('the last admin can be neither demoted nor removed', async () => {
    const solo = await startTestServer();
    try {
      const admin = await solo.admin();
      const members = (await admin.json('GET', `/api/v1/orgs/${ORG}/members`)).body.members as { userId: string }[];
      const id = members[0]!.userId;
      const demote = await admin.json('PATCH', `/api/v1/orgs/${ORG}/members/${id}`, { role: 'developer' });
      expect(demote.status).toBe(409);
      expect(demote.body.error?.message).toMatch(/last admin/);
      const remove = await admin.json('DELETE', `/api/v1/orgs/${ORG}/members/${id}`);
      expect(remove.status).toBe(409);
      expect((await admin.json('GET', `/api/v1/orgs/${ORG}/members`)).body.members).toHaveLength(1);
    } finally {
      await solo.close();
    }
  });

  it('an unknown member id is a 404 and a malformed one a 400', async () => {
    const admin = await ts.admin();
    expect((await admin.json('DELETE', `/api/v1/orgs/${ORG}/members/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const bad = await admin.json('DELETE', `/api/v1/orgs/${ORG}/members/not-a-uuid`);
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe('validation_failed');
  });
});
