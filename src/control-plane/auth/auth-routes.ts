import { z } from 'zod';
import type { Router } from '../http/route.ts';
import { access } from '../http/route.ts';
import type { AuthService } from './auth-service.ts';
import type { MemberService } from '../organizations/member-service.ts';
import {
  acceptInvitationRequestSchema,
  invitationPreviewSchema,
  loginRequestSchema,
  meResponseSchema,
  SESSION_COOKIE,
  sessionListSchema,
} from '../../shared/api/auth.ts';
import { apiPaths } from '../../shared/api/paths.ts';
import { logoutResponseSchema } from '../../shared/api/sso.ts';
import { setSessionCookie } from './session-cookie.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';

const tokenParams = z.strictObject({ token: z.string().min(10).max(200) });

export function registerAuthRoutes(
  router: Router,
  deps: {
    auth: AuthService;
    members: MemberService;
    sessionTtlMs: number;
    /** SSO only: the IdP's logout URL for an ID token, when the IdP offers RP-initiated logout. */
    endSessionUrl?: (idToken: string) => Promise<string | null>;
  },
) {
  const { auth, members } = deps;
  const setCookie = (req: FastifyRequest, reply: FastifyReply, token: string) => setSessionCookie(req, reply, token, deps.sessionTtlMs);

  router.route({
    method: 'POST',
    url: apiPaths.login,
    tag: 'auth',
    summary: 'Log in with email and password; sets the session cookie',
    access: access.public,
    body: loginRequestSchema,
    response: meResponseSchema,
    handler: async ({ req, reply, body }) => {
      const { token, session } = await auth.login({
        email: body.email,
        password: body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      setCookie(req, reply, token);
      return auth.me(await auth.resolveSession(token)).then((me) => ({ ...me, csrfToken: session.csrfToken }));
    },
  });

  router.route({
    method: 'POST',
    url: apiPaths.logout,
    tag: 'auth',
    summary:
      'End the current session (204). A session opened through SSO answers 200 with endSessionUrl when the IdP offers RP-initiated logout: open it to end the IdP session too',
    access: access.user,
    status: 204,
    handler: async ({ principal, reply }) => {
      const { idToken } = await auth.logout(principal);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      const endSessionUrl = idToken && deps.endSessionUrl ? await deps.endSessionUrl(idToken) : null;
      if (endSessionUrl) await reply.status(200).send(logoutResponseSchema.parse({ endSessionUrl }));
    },
  });

  router.route({
    method: 'GET',
    url: apiPaths.me,
    tag: 'auth',
    summary: 'The caller, their organizations and roles, and the CSRF token for writes',
    access: access.user,
    response: meResponseSchema,
    handler: ({ principal }) => auth.me(principal),
  });

  router.route({
    method: 'GET',
    url: apiPaths.sessions,
    tag: 'auth',
    summary: "List the caller's active sessions",
    access: access.user,
    response: sessionListSchema,
    handler: async ({ principal }) => ({ sessions: await auth.listSessions(principal) }),
  });

  router.route({
    method: 'DELETE',
    url: `${apiPaths.sessions}/:id`,
    tag: 'auth',
    summary: 'Revoke one of the caller’s sessions',
    access: access.user,
    params: z.strictObject({ id: z.uuid('Not a valid session id') }),
    status: 204,
    handler: ({ principal, params }) => auth.revokeSession(principal, params.id),
  });

  router.route({
    method: 'GET',
    url: '/api/v1/invitations/:token',
    tag: 'auth',
    summary: 'What an invitation link is for',
    access: access.public,
    params: tokenParams,
    response: invitationPreviewSchema,
    handler: ({ params }) => members.preview(params.token),
  });

  router.route({
    method: 'POST',
    url: '/api/v1/invitations/:token/accept',
    tag: 'auth',
    summary: 'Accept an invitation (new accounts choose a password) and log in',
    access: access.public,
    params: tokenParams,
    body: acceptInvitationRequestSchema,
    response: meResponseSchema,
    handler: async ({ req, reply, params, body }) => {
      const { userId } = await members.accept(params.token, body);
      const { token } = await auth.openSession(userId, req.headers['user-agent'] ?? null);
      setCookie(req, reply, token);
      return auth.me(await auth.resolveSession(token));
    },
  });
}
