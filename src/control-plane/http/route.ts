import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, forbidden, notFound, unauthenticated, validationError } from './errors.ts';
import type { OrgContext, Principal } from '../auth/principal.ts';
import type { Role } from '../../shared/roles.ts';
import { roleAtLeast } from '../../shared/roles.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../../shared/api/auth.ts';
import { safeEqual } from '../auth/tokens.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { OrganizationRepository } from '../organizations/organization-repository.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** public: anyone; user: any authenticated caller; org: a role in the organization named by the `:org` param. */
export type Access = { kind: 'public' } | { kind: 'user' } | { kind: 'org'; role: Role };
export const access = {
  public: { kind: 'public' } as const,
  user: { kind: 'user' } as const,
  org: (role: Role) => ({ kind: 'org', role }) as const,
};

type Ctx<Access_, B, P, Q> = {
  req: FastifyRequest;
  reply: FastifyReply;
  body: B;
  params: P;
  query: Q;
} & (Access_ extends { kind: 'public' } ? { principal: Principal | null } : { principal: Principal }) &
  (Access_ extends { kind: 'org' } ? { org: OrgContext } : object);

export interface RouteSpec<
  A extends Access,
  B extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  R extends z.ZodType | undefined,
> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  access: A;
  body?: B;
  params?: P;
  query?: Q;
  response?: R;
  /** Status of a successful answer; 204 sends no body. */
  status?: number;
  bodyLimit?: number;
  handler: (
    ctx: Ctx<A, Infer<B>, Infer<P>, Infer<Q>>,
  ) => Promise<R extends z.ZodType ? z.input<R> : unknown> | (R extends z.ZodType ? z.input<R> : unknown);
}
type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

export type RegisteredRoute = Pick<
  RouteSpec<Access, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>,
  'method' | 'url' | 'summary' | 'tag' | 'access' | 'body' | 'params' | 'query' | 'response' | 'status'
>;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouterDeps {
  auth: AuthService;
  organizations: OrganizationRepository;
}

/**
 * Every API route goes through here, so authentication, CSRF, role checks, validation
 * and the OpenAPI document cannot drift apart.
 */
export function createRouter(app: FastifyInstance, deps: RouterDeps) {
  const registry: RegisteredRoute[] = [];

  async function authenticate(req: FastifyRequest, reply: FastifyReply, isPublic: boolean): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw unauthenticated('The Authorization header must be "Bearer <API key>"');
      return deps.auth.resolveApiKey(match[1]!);
    }
    const cookie = req.cookies[SESSION_COOKIE];
    if (!cookie) return null;
    if (isPublic) {
      // Public routes (login, invitations) must work with a stale cookie in the browser,
      // or an expired session would lock the person out until the cookie expires. They
      // grant nothing on the strength of the cookie, so they need no CSRF token either.
      try {
        return await deps.auth.resolveSession(cookie);
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 401) throw err;
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return null;
      }
    }
    const principal = await deps.auth.resolveSession(cookie);
    if (!SAFE_METHODS.has(req.method)) {
      // Synchronizer token: a cross-site page can make the browser send our cookie but
      // cannot read the token, which only /auth/me and login hand out.
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, (principal as { csrfToken: string }).csrfToken)) {
        throw new AppError(403, 'csrf_failed', 'Missing or invalid CSRF token. Reload the page and try again.');
      }
    }
    return principal;
  }

  async function resolveOrg(principal: Principal, slug: string, needed: Role): Promise<OrgContext> {
    const org = await deps.organizations.findBySlug(slug);
    // Non-members get the same 404 as a missing organization: existence is not revealed.
    const role = !org
      ? undefined
      : principal.kind === 'api_key'
        ? principal.organizationId === org.id
          ? principal.role
          : undefined
        : await deps.organizations.roleOf(org.id, principal.user.id);
    if (!org || !role) throw notFound(`Organization "${slug}" not found`);
    if (!roleAtLeast(role, needed)) {
      throw forbidden(`This needs the ${needed} role in ${org.name}; you are ${role}`);
    }
    return { id: org.id, slug: org.slug, name: org.name, role };
  }

  function parse<T extends z.ZodType>(where: 'body' | 'params' | 'query', schema: T, value: unknown): z.output<T> {
    const result = schema.safeParse(value);
    if (!result.success) throw validationError(where, result.error);
    return result.data;
  }

  function route<
    A extends Access,
    B extends z.ZodType | undefined = undefined,
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    R extends z.ZodType | undefined = undefined,
  >(spec: RouteSpec<A, B, P, Q, R>): void {
    registry.push(spec as unknown as RegisteredRoute);
    app.route({
      method: spec.method,
      url: spec.url,
      ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
      handler: async (req, reply) => {
        let principal: Principal | null = await authenticate(req, reply, spec.access.kind === 'public');
        if (spec.access.kind !== 'public' && !principal) throw unauthenticated();
        const params = spec.params ? parse('params', spec.params, req.params) : undefined;
        let org: OrgContext | undefined;
        if (spec.access.kind === 'org') {
          const slug = (params as { org?: string } | undefined)?.org;
          if (!slug) throw new Error(`route ${spec.url} is org-scoped but has no :org param`);
          org = await resolveOrg(principal!, slug, spec.access.role);
        }
        const query = spec.query ? parse('query', spec.query, req.query) : undefined;
        if (spec.body && req.body === undefined) throw new AppError(400, 'bad_request', 'This endpoint needs a JSON body');
        const body = spec.body ? parse('body', spec.body, req.body) : undefined;
        principal ??= null;
        const ctx = { req, reply, body, params, query, principal, org } as unknown as Ctx<A, Infer<B>, Infer<P>, Infer<Q>>;
        const result = await spec.handler(ctx);
        if (reply.sent) return reply;
        const status = spec.status ?? 200;
        if (status === 204) return reply.status(204).send();
        return reply.status(status).send(result);
      },
    });
  }

  return { route, registry };
}

export type Router = ReturnType<typeof createRouter>;
