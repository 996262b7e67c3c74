import type { HandlerContext } from '@connectrpc/connect';
import { EnumStatusCode } from '@wundergraph/cosmo-connect/dist/common/common_pb';
import type { FastifyBaseLogger } from 'fastify';
import type { OrgContext, Principal } from '../auth/principal.ts';
import type { AuthService } from '../auth/auth-service.ts';
import type { OrganizationRepository } from '../organizations/organization-repository.ts';
import { AppError, forbidden } from '../http/errors.ts';
import { actorFromPrincipal, type Actor } from '../graphs/actor.ts';
import { roleAtLeast, type Role } from '../../shared/roles.ts';
import { DEFAULT_NAMESPACE } from '../../shared/api/graphs.ts';

/** Who calls an RPC: an API key, its organization and the actor it writes as. */
export interface Call {
  principal: Principal;
  org: OrgContext;
  actor: Actor;
  /** Throws ERROR_NOT_AUTHORIZED unless the key holds this role. */
  need(role: Role): void;
}

export interface CallDeps {
  auth: AuthService;
  organizations: OrganizationRepository;
  log: FastifyBaseLogger;
}

/** Cosmo's status codes for our errors, so wgc prints its own messages with our details. */
export function statusFor(err: AppError): EnumStatusCode {
  switch (err.status) {
    case 401:
      return EnumStatusCode.ERROR_NOT_AUTHENTICATED;
    case 403:
      return EnumStatusCode.ERROR_NOT_AUTHORIZED;
    case 404:
      return EnumStatusCode.ERR_NOT_FOUND;
    case 409:
      return /already exists/.test(err.message) ? EnumStatusCode.ERR_ALREADY_EXISTS : EnumStatusCode.ERR;
    default:
      return EnumStatusCode.ERR_BAD_REQUEST;
  }
}

/** wgc leaves `namespace` empty for the default one, as Cosmo does. */
export const namespaceOf = (ns: string | undefined): string => ns || DEFAULT_NAMESPACE;

export const ok = { code: EnumStatusCode.OK };

/**
 * Runs one RPC as Cosmo's handlers do: every failure becomes a `response` with a status
 * code and details in an otherwise empty answer, so wgc shows it its usual way. Errors
 * we did not mean for the caller are logged and answered with a generic ERR that points
 * at the log, never with a stack trace.
 */
export function createCallRunner(deps: CallDeps) {
  async function authenticate(ctx: HandlerContext): Promise<Call> {
    const header = ctx.requestHeader.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || match[1] === 'undefined') {
      throw new AppError(401, 'unauthenticated', 'Set COSMO_API_KEY to a Switchyard API key (Authorization: Bearer <key>)');
    }
    const principal = await deps.auth.resolveApiKey(match[1]!);
    if (principal.kind !== 'api_key') throw new AppError(401, 'unauthenticated', 'Only API keys can use this API');
    const [org] = await deps.organizations.membershipsOfOrgId(principal.organizationId);
    if (!org) throw new AppError(401, 'unauthenticated', 'The organization of this API key no longer exists');
    const orgCtx: OrgContext = { id: org.id, slug: org.slug, name: org.name, role: principal.role };
    return {
      principal,
      org: orgCtx,
      actor: actorFromPrincipal(principal),
      need(role) {
        if (!roleAtLeast(principal.role, role)) {
          throw forbidden(`This needs the ${role} role in ${org.name}; the API key "${principal.name}" is ${principal.role}`);
        }
      },
    };
  }

  return function run<Res extends object>(
    ctx: HandlerContext,
    work: (call: Call) => Promise<Res>,
  ): Promise<Res | { response: { code: EnumStatusCode; details: string } }> {
    return authenticate(ctx)
      .then(work)
      .catch((err: unknown) => {
        if (err instanceof AppError) return { response: { code: statusFor(err), details: err.message } };
        deps.log.error({ err, rpc: ctx.method.name }, 'Cosmo PlatformService call failed');
        return {
          response: {
            code: EnumStatusCode.ERR,
            details: `${ctx.method.name} failed on the control plane; its log has the cause`,
          },
        };
      });
  };
}

export type CallRunner = ReturnType<typeof createCallRunner>;
