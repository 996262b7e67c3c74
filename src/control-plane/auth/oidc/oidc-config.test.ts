import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { roleAtLogin, roleFromGroups } from './role-mapping.ts';

const full = {
  PUBLIC_URL: 'https://switchyard.example.com/',
  SWITCHYARD_OIDC_ISSUER: 'https://keycloak.example.com/realms/acme',
  SWITCHYARD_OIDC_CLIENT_ID: 'switchyard',
  SWITCHYARD_OIDC_CLIENT_SECRET: 'secret',
};

describe('single sign-on configuration', () => {
  it('is off without an issuer, and password login stays on', () => {
    const c = loadConfig({});
    expect(c.oidc).toBeUndefined();
    expect(c.passwordLogin).toBe(true);
  });

  it('builds the redirect URI from PUBLIC_URL and asks for openid email profile', () => {
    const c = loadConfig(full).oidc!;
    expect(c.issuer.toString()).toBe('https://keycloak.example.com/realms/acme');
    expect(c.redirectUri).toBe('https://switchyard.example.com/api/v1/auth/oidc/callback');
    expect(c.postLogoutRedirectUri).toBe('https://switchyard.example.com/login');
    expect(c.scope).toBe('openid email profile');
    expect(c.defaultRole).toBe('viewer');
    expect(c.roleMapping).toBeUndefined();
  });

  it('adds the groups scope and parses the role map when a role claim is set', () => {
    const c = loadConfig({
      ...full,
      SWITCHYARD_OIDC_ROLE_CLAIM: 'groups',
      SWITCHYARD_OIDC_ROLE_MAP: 'switchyard-admins:admin, switchyard-developers:developer,team:x:viewer',
      SWITCHYARD_OIDC_DEFAULT_ROLE: 'developer',
    }).oidc!;
    expect(c.scope).toBe('openid email profile groups');
    expect([...c.roleMapping!.groups]).toEqual([
      ['switchyard-admins', 'admin'],
      ['switchyard-developers', 'developer'],
      ['team:x', 'viewer'],
    ]);
    expect(c.defaultRole).toBe('developer');
  });

  it('names each missing variable of a partial set', () => {
    expect(() => loadConfig({ SWITCHYARD_OIDC_ISSUER: full.SWITCHYARD_OIDC_ISSUER, PUBLIC_URL: full.PUBLIC_URL })).toThrow(ConfigError);
    expect(() => loadConfig({ SWITCHYARD_OIDC_ISSUER: full.SWITCHYARD_OIDC_ISSUER, PUBLIC_URL: full.PUBLIC_URL })).toThrow(
      /SWITCHYARD_OIDC_CLIENT_ID: is required because SWITCHYARD_OIDC_ISSUER is set[\s\S]*SWITCHYARD_OIDC_CLIENT_SECRET: is required/,
    );
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_ISSUER: undefined })).toThrow(/SWITCHYARD_OIDC_ISSUER: is required because/);
    expect(() => loadConfig({ ...full, PUBLIC_URL: undefined })).toThrow(/PUBLIC_URL: is required for single sign-on/);
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_ROLE_CLAIM: 'groups' })).toThrow(/SWITCHYARD_OIDC_ROLE_MAP: is required because SWITCHYARD_OIDC_ROLE_CLAIM/);
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_ROLE_MAP: 'a:admin' })).toThrow(/SWITCHYARD_OIDC_ROLE_CLAIM: is required because/);
  });

  it('allows an http issuer only on loopback', () => {
    for (const issuer of ['http://127.0.0.1:5750', 'http://localhost:8080/realms/dev', 'http://[::1]:9000']) {
      expect(loadConfig({ ...full, SWITCHYARD_OIDC_ISSUER: issuer }).oidc?.issuer.toString()).toBe(new URL(issuer).toString());
    }
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_ISSUER: 'http://keycloak.example.com/realms/acme' })).toThrow(
      /SWITCHYARD_OIDC_ISSUER: must use https; http:\/\/ is allowed only for an IdP on this machine/,
    );
  });

  it('refuses a malformed role map or default role', () => {
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_ROLE_CLAIM: 'groups', SWITCHYARD_OIDC_ROLE_MAP: 'admins=admin' })).toThrow(
      /SWITCHYARD_OIDC_ROLE_MAP: "admins=admin" is not group:role/,
    );
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_ROLE_CLAIM: 'groups', SWITCHYARD_OIDC_ROLE_MAP: 'admins:owner' })).toThrow(/is not group:role/);
    expect(() => loadConfig({ ...full, SWITCHYARD_OIDC_DEFAULT_ROLE: 'owner' })).toThrow(/SWITCHYARD_OIDC_DEFAULT_ROLE: must be viewer, developer or admin/);
  });

  it('turns password login off only when SSO can take its place', () => {
    expect(loadConfig({ ...full, SWITCHYARD_PASSWORD_LOGIN: 'false' }).passwordLogin).toBe(false);
    expect(() => loadConfig({ SWITCHYARD_PASSWORD_LOGIN: 'false' })).toThrow(/SWITCHYARD_PASSWORD_LOGIN: can be false only when single sign-on is configured/);
    expect(() => loadConfig({ SWITCHYARD_PASSWORD_LOGIN: 'maybe' })).toThrow(/SWITCHYARD_PASSWORD_LOGIN: must be true or false/);
  });
});

describe('roles from groups', () => {
  const mapping = { claim: 'groups', groups: new Map([['switchyard-admins', 'admin'], ['switchyard-developers', 'developer']] as const) };

  it('takes the highest role any group grants, with or without a leading slash', () => {
    expect(roleFromGroups({ groups: ['switchyard-developers', '/switchyard-admins'] }, mapping)).toBe('admin');
    expect(roleFromGroups({ groups: ['/switchyard-developers'] }, mapping)).toBe('developer');
    expect(roleFromGroups({ groups: 'switchyard-developers' }, mapping)).toBe('developer');
    expect(roleFromGroups({ groups: ['marketing'] }, mapping)).toBeUndefined();
    expect(roleFromGroups({}, mapping)).toBeUndefined();
  });

  it('falls back to the default role only when a mapping is configured', () => {
    expect(roleAtLogin({ groups: ['marketing'] }, { roleMapping: mapping, defaultRole: 'viewer' })).toBe('viewer');
    expect(roleAtLogin({ groups: ['switchyard-admins'] }, { roleMapping: undefined, defaultRole: 'viewer' })).toBeUndefined();
  });
});
