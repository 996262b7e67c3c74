import type { z } from 'zod';
import type { ServiceImpl } from '@connectrpc/connect';
import type { PlatformService } from '@wundergraph/cosmo-connect/dist/platform/v1/platform_connect';
import { notFound, validationError } from '../http/errors.ts';
import type { GraphRegistry } from '../graphs/graph-registry.ts';
import type { OrgContext } from '../auth/principal.ts';
import {
  createGraphRequestSchema,
  createNamespaceRequestSchema,
  updateGraphRequestSchema,
} from '../../shared/api/graphs.ts';
import { createRouterTokenRequestSchema } from '../../shared/api/router-tokens.ts';
import { namespaceOf, ok, type CallRunner } from './platform-call.ts';
import { compositionResult } from './composition-results.ts';

type Impl = Partial<ServiceImpl<typeof PlatformService>>;

export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError('body', result.error);
  return result.data;
}

/** The namespaces a list RPC covers: the one named, or all of them when it names none (as Cosmo lists). */
export async function namespacesFor(registry: GraphRegistry, org: OrgContext, ns: string): Promise<string[]> {
  if (ns) return [ns];
  return (await registry.namespaces.list(org)).map((n) => n.name);
}

/** whoami, namespaces, federated graphs and router tokens. */
export function graphRpcs(run: CallRunner, registry: GraphRegistry): Impl {
  return {
    whoAmI: (_req, ctx) =>
      run(ctx, async ({ org, actor }) => ({
        response: ok,
        organizationName: org.name,
        organizationSlug: org.slug,
        userEmail: actor.label,
      })),

    createNamespace: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        await registry.namespaces.create(org, actor, parseInput(createNamespaceRequestSchema, { name: req.name }).name);
        return { response: ok };
      }),

    getNamespaces: (_req, ctx) =>
      run(ctx, async ({ org }) => ({
        response: ok,
        namespaces: (await registry.namespaces.list(org)).map((n) => ({ id: n.id, name: n.name })),
      })),

    deleteNamespace: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        await registry.namespaces.delete(org, actor, req.name);
        return { response: ok };
      }),

    createFederatedGraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        const input = parseInput(createGraphRequestSchema, {
          name: req.name,
          routingUrl: req.routingUrl,
          labelMatchers: req.labelMatchers,
        });
        const { compositions } = await registry.graphs.create(org, actor, ns, input);
        return compositionResult(ns, compositions);
      }),

    updateFederatedGraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        const labelMatchers = req.unsetLabelMatchers ? [] : req.labelMatchers.length ? req.labelMatchers : undefined;
        const routingUrl = req.routingUrl || undefined;
        // Cosmo answers OK to an update that changes nothing; so do we, once the graph is known.
        if (labelMatchers === undefined && routingUrl === undefined) {
          await registry.graphs.get(org, ns, req.name);
          return compositionResult(ns, []);
        }
        const input = parseInput(updateGraphRequestSchema, { routingUrl, labelMatchers });
        const { compositions } = await registry.graphs.update(org, actor, ns, req.name, input);
        return compositionResult(ns, compositions);
      }),

    deleteFederatedGraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        await registry.graphs.delete(org, actor, namespaceOf(req.namespace), req.name);
        return compositionResult(namespaceOf(req.namespace), []);
      }),

    getFederatedGraphs: (req, ctx) =>
      run(ctx, async ({ org }) => {
        const graphs = [];
        for (const ns of await namespacesFor(registry, org, req.namespace)) {
          for (const g of await registry.graphs.list(org, ns)) {
            graphs.push({
              id: g.id,
              targetId: g.id,
              name: g.name,
              namespace: g.namespace,
              routingURL: g.routingUrl,
              labelMatchers: g.labelMatchers,
              lastUpdatedAt: g.updatedAt,
              isComposable: g.status === 'composed',
              compositionErrors: '',
              connectedSubgraphs: g.subgraphCount,
              supportsFederation: true,
              ...(g.lastGoodComposition ? { compositionId: g.lastGoodComposition.id } : {}),
            });
          }
        }
        return { response: ok, graphs };
      }),

    getFederatedGraphSDLByName: (req, ctx) =>
      run(ctx, async ({ org }) => {
        const schema = await registry.graphs.schema(org, namespaceOf(req.namespace), req.name);
        return {
          response: ok,
          sdl: schema.supergraphSdl,
          clientSchema: schema.clientSchema,
          versionId: schema.compositionId,
        };
      }),

    createFederatedGraphToken: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const { name } = parseInput(createRouterTokenRequestSchema, { name: req.tokenName });
        const created = await registry.routerTokens.create(org, actor, namespaceOf(req.namespace), req.graphName, name);
        return { response: ok, token: created.token };
      }),

    getRouterTokens: (req, ctx) =>
      run(ctx, async ({ org }) => {
        const tokens = await registry.routerTokens.list(org, namespaceOf(req.namespace), req.fedGraphName);
        return {
          response: ok,
          tokens: tokens
            .filter((t) => !t.revokedAt)
            .map((t) => ({ id: t.id, name: t.name, createdAt: t.createdAt, creatorEmail: t.createdBy })),
        };
      }),

    deleteRouterToken: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        // Cosmo names tokens uniquely per graph; ours may share a name, so every live one goes.
        const live = (await registry.routerTokens.list(org, ns, req.fedGraphName)).filter(
          (t) => t.name === req.tokenName && !t.revokedAt,
        );
        if (live.length === 0) throw notFound(`No router token named "${req.tokenName}" for graph "${req.fedGraphName}"`);
        for (const t of live) await registry.routerTokens.revoke(org, actor, ns, req.fedGraphName, t.id);
        return { response: ok };
      }),
  };
}
