import { z } from 'zod';
import { roleSchema, type Role } from '../../../shared/roles.ts';

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** `<PUBLIC_URL>/api/v1/auth/oidc/callback`: register it at the IdP. */
  redirectUri: string;
  /** Where the IdP sends the browser after RP-initiated logout: `<PUBLIC_URL>/login`. */
  postLogoutRedirectUri: string;
  scope: string;
  /** Slug of the organization SSO users join; undefined means the oldest one. */
  organization: string | undefined;
  /** Present only when both SWITCHYARD_OIDC_ROLE_CLAIM and SWITCHYARD_OIDC_ROLE_MAP are set. */
  roleMapping: { claim: string; groups: Map<string, Role> } | undefined;
  defaultRole: Role;
}

const REQUIRED = ['SWITCHYARD_OIDC_ISSUER', 'SWITCHYARD_OIDC_CLIENT_ID', 'SWITCHYARD_OIDC_CLIENT_SECRET'] as const;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const isLoopback = (url: URL) => LOOPBACK_HOSTS.has(url.hostname) || /^127(\.\d{1,3}){3}$/.test(url.hostname);
export const issuerIsLoopback = isLoopback;

/** `group:role,group:role`; group names may contain ':' (the role is after the last one). */
const roleMapSchema = z.string().transform((value, ctx) => {
  const map = new Map<string, Role>();
  for (const entry of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const at = entry.lastIndexOf(':');
    const group = entry.slice(0, at).trim();
    const role = roleSchema.safeParse(entry.slice(at + 1).trim());
    if (at <= 0 || !group || !role.success) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is not group:role (role one of viewer, developer, admin), e.g. switchyard-admins:admin,switchyard-developers:developer`,
      });
      return z.NEVER;
    }
    map.set(group, role.data);
  }
  if (map.size === 0) {
    ctx.addIssue({ code: 'custom', message: 'lists no group, e.g. switchyard-admins:admin,switchyard-developers:developer' });
    return z.NEVER;
  }
  return map;
});

/** Spread into the control plane's environment schema. */
export const oidcEnvShape = {
  SWITCHYARD_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'must be the issuer URL, such as https://keycloak.example.com/realms/acme' }).optional(),
  SWITCHYARD_OIDC_CLIENT_ID: z.string().min(1).optional(),
  SWITCHYARD_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  SWITCHYARD_OIDC_ORG: z.string().min(1).optional(),
  SWITCHYARD_OIDC_ROLE_CLAIM: z.string().min(1).optional(),
  SWITCHYARD_OIDC_ROLE_MAP: roleMapSchema.optional(),
  SWITCHYARD_OIDC_DEFAULT_ROLE: z.enum(['viewer', 'developer', 'admin'], 'must be viewer, developer or admin').default('viewer'),
  /** Asked for with the role claim; Keycloak and others need a client scope of this name that maps groups. */
  SWITCHYARD_OIDC_GROUPS_SCOPE: z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]*$/, 'must be one scope name').default('groups'),
  SWITCHYARD_PASSWORD_LOGIN: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], 'must be true or false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes')
    .default(true),
};

type OidcEnv = z.output<z.ZodObject<typeof oidcEnvShape>> & { PUBLIC_URL?: string | undefined };

/** A partial set is a mistake, not a request to turn SSO off; each missing variable is named. */
export function checkOidcEnv(env: Partial<Record<keyof typeof oidcEnvShape | 'PUBLIC_URL', unknown>>, ctx: z.RefinementCtx): void {
  const set = REQUIRED.filter((v) => env[v] !== undefined);
  const configured = set.length > 0;
  for (const missing of configured ? REQUIRED.filter((v) => env[v] === undefined) : []) {
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: `is required because ${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set (single sign-on needs all of ${REQUIRED.join(', ')})`,
    });
  }
  if (typeof env.SWITCHYARD_OIDC_ISSUER === 'string' && URL.canParse(env.SWITCHYARD_OIDC_ISSUER)) {
    const issuer = new URL(env.SWITCHYARD_OIDC_ISSUER);
    if (issuer.protocol === 'http:' && !isLoopback(issuer)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SWITCHYARD_OIDC_ISSUER'],
        message: 'must use https; http:// is allowed only for an IdP on this machine (localhost, 127.0.0.1, [::1])',
      });
    }
  }
  if (configured && env.PUBLIC_URL === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['PUBLIC_URL'],
      message: 'is required for single sign-on: the IdP sends people back to <PUBLIC_URL>/api/v1/auth/oidc/callback',
    });
  }
  const claim = env.SWITCHYARD_OIDC_ROLE_CLAIM !== undefined;
  const map = env.SWITCHYARD_OIDC_ROLE_MAP !== undefined;
  if (claim !== map) {
    const [missing, present] = claim
      ? ['SWITCHYARD_OIDC_ROLE_MAP', 'SWITCHYARD_OIDC_ROLE_CLAIM']
      : ['SWITCHYARD_OIDC_ROLE_CLAIM', 'SWITCHYARD_OIDC_ROLE_MAP'];
    ctx.addIssue({ code: 'custom', path: [missing], message: `is required because ${present} is set (roles from groups need both)` });
  }
  if (env.SWITCHYARD_PASSWORD_LOGIN === false && !configured) {
    ctx.addIssue({
      code: 'custom',
      path: ['SWITCHYARD_PASSWORD_LOGIN'],
      message: 'can be false only when single sign-on is configured (SWITCHYARD_OIDC_ISSUER and its client), or nobody could log in',
    });
  }
}

export function oidcConfigFromEnv(env: OidcEnv): OidcConfig | undefined {
  if (!env.SWITCHYARD_OIDC_ISSUER || !env.SWITCHYARD_OIDC_CLIENT_ID || !env.SWITCHYARD_OIDC_CLIENT_SECRET || !env.PUBLIC_URL) {
    return undefined;
  }
  const base = env.PUBLIC_URL.replace(/\/+$/, '');
  const roleMapping =
    env.SWITCHYARD_OIDC_ROLE_CLAIM && env.SWITCHYARD_OIDC_ROLE_MAP
      ? { claim: env.SWITCHYARD_OIDC_ROLE_CLAIM, groups: env.SWITCHYARD_OIDC_ROLE_MAP }
      : undefined;
  const scopes = ['openid', 'email', 'profile'];
  if (roleMapping && env.SWITCHYARD_OIDC_GROUPS_SCOPE) scopes.push(env.SWITCHYARD_OIDC_GROUPS_SCOPE);
  return {
    issuer: new URL(env.SWITCHYARD_OIDC_ISSUER),
    clientId: env.SWITCHYARD_OIDC_CLIENT_ID,
    clientSecret: env.SWITCHYARD_OIDC_CLIENT_SECRET,
    redirectUri: `${base}/api/v1/auth/oidc/callback`,
    postLogoutRedirectUri: `${base}/login`,
    scope: scopes.join(' '),
    organization: env.SWITCHYARD_OIDC_ORG,
    roleMapping,
    defaultRole: env.SWITCHYARD_OIDC_DEFAULT_ROLE,
  };
}
