import type { Principal } from '../auth/principal.ts';

/** Who caused a change, as recorded in the audit log, schema versions and compositions. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  /** the user to credit; an API key acts for whoever created it */
  userId: string | null;
  /** an email, `api-key:<name>` or `system:<what>` */
  label: string;
}

export function actorFromPrincipal(p: Principal): Actor {
  return p.kind === 'session'
    ? { kind: 'user', userId: p.user.id, label: p.user.email }
    : { kind: 'api_key', userId: p.createdBy, label: `api-key:${p.name}` };
}

export const systemActor = (what: string): Actor => ({
  kind: 'system',
  userId: null,
  label: `system:${what}`,
});
