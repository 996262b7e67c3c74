import { roleAtLeast, type Role } from '../../../shared/roles.ts';
import type { OidcConfig } from './oidc-config.ts';

/**
 * The role the IdP's groups grant, the highest when several match; undefined when none
 * does. Keycloak's "full group path" option sends `/switchyard-admins`, which matches
 * `switchyard-admins` too.
 */
export function roleFromGroups(claims: Record<string, unknown>, mapping: NonNullable<OidcConfig['roleMapping']>): Role | undefined {
  const value = claims[mapping.claim];
  const groups = Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : typeof value === 'string' ? [value] : [];
  let best: Role | undefined;
  for (const group of groups) {
    const role = mapping.groups.get(group) ?? mapping.groups.get(group.replace(/^\//, ''));
    if (role && (!best || roleAtLeast(role, best))) best = role;
  }
  return best;
}

/**
 * With a role claim configured the IdP decides the role at every login (a group that maps
 * to nothing gets the default role); without one, the default role is only the starting
 * role of a new member and admins manage roles in the studio.
 */
export function roleAtLogin(claims: Record<string, unknown>, config: Pick<OidcConfig, 'roleMapping' | 'defaultRole'>): Role | undefined {
  if (!config.roleMapping) return undefined;
  return roleFromGroups(claims, config.roleMapping) ?? config.defaultRole;
}
