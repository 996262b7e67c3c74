import type { Role } from '../../shared/roles.ts';

/** Who is calling: a person with a browser session, or an API key bound to one organization. */
export type Principal =
  | {
      kind: 'session';
      user: { id: string; email: string; name: string };
      sessionId: string;
      csrfToken: string;
    }
  | {
      kind: 'api_key';
      keyId: string;
      name: string;
      organizationId: string;
      role: Role;
      createdBy: string | null;
    };

/** The organization a request acts on, with the role the principal holds in it. */
export interface OrgContext {
  id: string;
  slug: string;
  name: string;
  role: Role;
}

/** The user id to record as actor in audit trails; API keys act for whoever created them. */
export const actorId = (p: Principal): string | null => (p.kind === 'session' ? p.user.id : p.createdBy);
export const actorLabel = (p: Principal): string => (p.kind === 'session' ? p.user.email : `api-key:${p.name}`);
