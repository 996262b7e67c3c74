import { z } from 'zod';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { Router } from '../../http/route.ts';
import { access } from '../../http/route.ts';
import type { AuthService } from '../auth-service.ts';
import { apiPaths } from '../../../shared/api/paths.ts';
import { authProvidersSchema, type SsoErrorCode } from '../../../shared/api/sso.ts';
import { setSessionCookie } from '../session-cookie.ts';
import { SsoError } from './oidc-client.ts';
import type { OidcService } from './oidc-service.ts';

/** Holds the state of the login under way, binding the IdP's callback to this browser. */
export const OIDC_STATE_COOKIE = 'switchyard_oidc_state';
const cookieOptions = { path: apiPaths.oidcCallback, httpOnly: true, sameSite: 'lax' as const };

/** Same rule as the studio's: only same-origin paths, never `//host` or `/\host`. */
function safeReturnTo(value: string | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\') || value.length > 2000) return null;
  return value;
}

const loginErrorUrl = (code: SsoErrorCode) => `/login?sso_error=${code}`;

export function registerOidcRoutes(
  router: Router,
  deps: { oidc: OidcService | undefined; auth: AuthService; passwordLogin: boolean; sessionTtlMs: number; log: FastifyBaseLogger },
) {
  const { oidc, auth } = deps;

  router.route({
    method: 'GET',
    url: apiPaths.authProviders,
    tag: 'auth',
    summary: 'How one can log in here: password, single sign-on, or both',
    access: access.public,
    response: authProvidersSchema,
    handler: () => ({ password: deps.passwordLogin, sso: oidc ? { loginPath: apiPaths.oidcLogin } : null }),
  });

  // Both SSO endpoints are browser navigations, so failures redirect to the login page
  // with a code it explains, rather than answering JSON nobody would see.
  const fail = (reply: FastifyReply, err: unknown) => {
    if (!(err instanceof SsoError)) throw err;
    deps.log.warn({ code: err.code, reason: err.message, cause: err.cause }, 'single sign-on failed');
    return reply.redirect(loginErrorUrl(err.code), 303);
  };

  router.route({
    method: 'GET',
    url: apiPaths.oidcLogin,
    tag: 'auth',
    summary: 'Start single sign-on: redirects (302) to the IdP, with PKCE, state and nonce; returnTo is where to land afterwards',
    access: access.public,
    query: z.object({ returnTo: z.string().optional() }),
    status: 302,
    handler: async ({ req, reply, query }) => {
      if (!oidc) return reply.redirect(loginErrorUrl('not_configured'), 303);
      try {
        const { url, state } = await oidc.start(safeReturnTo(query.returnTo));
        reply.setCookie(OIDC_STATE_COOKIE, state, { ...cookieOptions, secure: req.protocol === 'https', maxAge: 600 });
        return reply.redirect(url, 302);
      } catch (err) {
        return fail(reply, err);
      }
    },
  });

  router.route({
    method: 'GET',
    url: apiPaths.oidcCallback,
    tag: 'auth',
    summary: 'Where the IdP sends the browser back: checks the answer, opens a session and redirects into the studio (or to /login?sso_error=<code>)',
    access: access.public,
    status: 303,
    handler: async ({ req, reply }) => {
      if (!oidc) return reply.redirect(loginErrorUrl('not_configured'), 303);
      const query = new URLSearchParams(req.url.split('?')[1] ?? '');
      const cookieState = req.cookies[OIDC_STATE_COOKIE];
      reply.clearCookie(OIDC_STATE_COOKIE, cookieOptions);
      try {
        const { userId, idToken, returnTo } = await oidc.finish(query, cookieState);
        const { token } = await auth.openSession(userId, req.headers['user-agent'] ?? null, idToken);
        setSessionCookie(req, reply, token, deps.sessionTtlMs);
        return reply.redirect(returnTo ?? '/', 303);
      } catch (err) {
        return fail(reply, err);
      }
    },
  });
}
