import { randomBytes } from 'node:crypto';
import type { OrgContext } from '../../auth/principal.ts';
import { hashToken, randomToken } from '../../auth/tokens.ts';
import { notFound, unauthenticated } from '../../http/errors.ts';
import {
  ROUTER_TOKEN_PREFIX,
  type CreatedRouterToken,
  type RouterToken,
} from '../../../shared/api/router-tokens.ts';
import type { Actor } from '../actor.ts';
import { findGraph, graphRepos, inNamespaceTransaction, readGraph, type RegistryDeps } from '../registry-context.ts';
import type { RouterTokenRow } from './router-token-repository.ts';
import { publishConfigChange } from './config-notifier.ts';

const TOUCH_EVERY_MS = 60_000;

/** `syr_<8 chars>_<secret>`: the first part is shown in listings so people can tell tokens apart. */
export function newRouterToken(): { token: string; prefix: string } {
  const id = randomBytes(6).toString('base64url').replace(/[-_]/g, 'x').slice(0, 8);
  const prefix = `${ROUTER_TOKEN_PREFIX}${id}`;
  return { prefix, token: `${prefix}_${randomToken(32)}` };
}

/** The graph a valid router token reads. */
export interface RouterPrincipal {
  tokenId: string;
  graph: { id: string; name: string; namespace: string };
}

export class RouterTokenService {
  constructor(private readonly deps: RegistryDeps) {}

  async list(org: OrgContext, namespace: string, graphName: string): Promise<RouterToken[]> {
    const { r, graph } = await readGraph(this.deps, org, namespace, graphName);
    return (await r.routerTokens.list(graph.id)).map(toRouterToken);
  }

  async create(
    org: OrgContext,
    actor: Actor,
    namespace: string,
    graphName: string,
    name: string,
  ): Promise<CreatedRouterToken> {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const graph = await findGraph(r, ns, graphName);
      const { token, prefix } = newRouterToken();
      const row = await r.routerTokens.create({
        organizationId: org.id,
        graphId: graph.id,
        name,
        prefix,
        tokenHash: hashToken(token),
        createdBy: actor.userId,
        createdByLabel: actor.label,
        now,
      });
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'router_token.created',
        resourceType: 'router_token',
        resourceName: `${graphName}/${name}`,
        namespace,
        details: { prefix },
        now,
      });
      return { routerToken: toRouterToken(row), token };
    });
  }

  /** Revokes at once: the token's open change streams are closed too. */
  async revoke(
    org: OrgContext,
    actor: Actor,
    namespace: string,
    graphName: string,
    id: string,
  ): Promise<RouterToken> {
    const now = this.deps.now();
    return inNamespaceTransaction(this.deps, org, namespace, async (r, ns) => {
      const graph = await findGraph(r, ns, graphName);
      const found = await r.routerTokens.find(graph.id, id);
      if (!found) throw notFound(`No router token with that id for graph "${graphName}"`);
      if (found.revokedAt) return toRouterToken(found);
      const revoked = (await r.routerTokens.revoke(id, now))!;
      await publishConfigChange(r.db, { kind: 'token_revoked', graphId: graph.id, tokenId: id });
      await r.audit.record({
        organizationId: org.id,
        actor,
        action: 'router_token.revoked',
        resourceType: 'router_token',
        resourceName: `${graphName}/${found.name}`,
        namespace,
        details: { prefix: found.prefix },
        now,
      });
      return toRouterToken(revoked);
    });
  }

  /** Resolves `Authorization: Bearer syr_…`; anything else (an API key included) is a 401. */
  async authenticate(header: string | undefined): Promise<RouterPrincipal> {
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthenticated('Send the graph\'s router token as "Authorization: Bearer syr_…"');
    const token = match[1]!;
    if (!token.startsWith(ROUTER_TOKEN_PREFIX)) {
      throw unauthenticated('Router endpoints take a router token (syr_…), not an API key or session');
    }
    const r = graphRepos(this.deps.db);
    const row = await r.routerTokens.findByHash(hashToken(token));
    if (!row) throw unauthenticated('Invalid router token');
    if (row.revokedAt) throw unauthenticated(`Router token ${row.prefix} has been revoked`);
    const graph = await r.routerTokens.graphOf(row.graphId);
    if (!graph) throw unauthenticated('Invalid router token');
    const now = this.deps.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS)
      await r.routerTokens.touch(row.id, now);
    return { tokenId: row.id, graph };
  }
}

function toRouterToken(row: RouterTokenRow): RouterToken {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.createdByLabel,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
