import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';

let ts: TestServer;
let studioDir: string;
beforeAll(async () => {
  studioDir = await mkdtemp(join(tmpdir(), 'switchyard-studio-'));
  await mkdir(join(studioDir, 'assets'));
  await writeFile(join(studioDir, 'index.html'), '<!doctype html><div id="root"></div>');
  await writeFile(join(studioDir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(studioDir, 'favicon.svg'), '<svg/>');
  ts = await startTestServer({ SWITCHYARD_STUDIO_DIR: studioDir });
});
afterAll(async () => {
  await ts.close();
  await rm(studioDir, { recursive: true, force: true });
});

function expectErrorShape(body: unknown, code: string) {
  expect(body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
}

describe('bad input gets a clear 4xx and never a 500', () => {
  it('malformed JSON', async () => {
    const res = await ts.client().raw('POST', '/api/v1/auth/login', { body: '{"email": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    const body = await res.json();
    expectErrorShape(body, 'bad_request');
    expect(body.error.message).toBe('The request body is not valid JSON');
  });

  it('an empty JSON body and a missing body', async () => {
    const empty = await ts.client().raw('POST', '/api/v1/auth/login', { headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
    const admin = await ts.admin();
    const missing = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`);
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toBe('This endpoint needs a JSON body');
  });

  it('missing fields, extra fields and wrong types name the field', async () => {
    const missing = await ts.client().json('POST', '/api/v1/auth/login', { email: 'a@example.test' });
    expect(missing.status).toBe(400);
    expectErrorShape(missing.body, 'validation_failed');
    expect(missing.body.error?.message).toMatch(/^Invalid request body: password:/);

    const extra = await ts.client().json('POST', '/api/v1/auth/login', { email: 'a@example.test', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error?.message).toMatch(/Unknown field\(s\): admin/);

    const wrong = await ts.client().json('POST', '/api/v1/auth/login', { email: 42, password: 'x' });
    expect(wrong.status).toBe(400);
    expect((wrong.body.error?.details as { issues: { path: string }[] }).issues[0]!.path).toBe('email');

    const array = await ts.client().json('POST', '/api/v1/auth/login', [1, 2]);
    expect(array.status).toBe(400);
  });

  it('over-long names (over 100 characters)', async () => {
    const admin = await ts.admin();
    const res = await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'x'.repeat(101), role: 'viewer' });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/at most 100 characters/);
    expect((await admin.json('POST', `/api/v1/orgs/${ORG}/api-keys`, { name: 'x'.repeat(100), role: 'viewer' })).status).toBe(201);
  });

  it('an unknown role', async () => {
    const admin = await ts.admin();
    const res = await admin.json('POST', `/api/v1/orgs/${ORG}/invitations`, { email: 'r@example.test', role: 'owner' });
    expect(res.status).toBe(400);
    expect(res.body.error?.message).toMatch(/role/);
  });

  it('bodies over 1 MB get 413', async () => {
    const res = await ts.client().raw('POST', '/api/v1/auth/login', {
      body: JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(1024 * 1024 + 10) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
    expectErrorShape(await res.json(), 'payload_too_large');
  });

  it('unknown API routes get a JSON 404 naming the route', async () => {
    const res = await ts.client().json('GET', '/api/v1/nothing-here?x=1');
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: 'not_found', message: 'No route for GET /api/v1/nothing-here' });
    expect((await ts.client().json('POST', '/not-an-api')).status).toBe(404);
  });

  it('a bad org slug in the path', async () => {
    const admin = await ts.admin();
    const res = await admin.json('GET', '/api/v1/orgs/NOT_A_SLUG/members');
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('validation_failed');
  });
});

describe('OpenAPI', () => {
  it('documents every API route from the same schemas', async () => {
    const res = await ts.client().json('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.body as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: { 'application/json': { schema: { properties: Record<string, unknown>; additionalProperties?: boolean } } } } }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/orgs/{org}/members/{userId}', '/api/v1/orgs/{org}/api-keys/{keyId}']));
    const login = doc.paths['/api/v1/auth/login']!.post!.requestBody!.content['application/json'].schema;
    expect(Object.keys(login.properties)).toEqual(['email', 'password']);
    expect(login.additionalProperties).toBe(false);
  });
});

describe('studio', () => {
  it('serves hashed assets as immutable and falls back to index.html for client routes', async () => {
    const asset = await ts.client().raw('GET', '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/javascript/);

    const page = await ts.client().raw('GET', '/o/acme/settings/members');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<div id="root">');

    expect((await ts.client().raw('GET', '/assets/missing-123.js')).status).toBe(404);
    const traversal = await ts.client().raw('GET', '/..%2f..%2fetc%2fpasswd');
    expect(traversal.status).toBe(404);
  });

  it('answers health and readiness', async () => {
    expect((await ts.client().json('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await ts.client().json('GET', '/readyz')).body).toMatchObject({ status: 'ready' });
  });
});
