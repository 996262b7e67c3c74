import type { ServiceImpl } from '@connectrpc/connect';
import type { PlatformService } from '@wundergraph/cosmo-connect/dist/platform/v1/platform_connect';
import { SubgraphType } from '@wundergraph/cosmo-connect/dist/platform/v1/platform_pb';
import { EnumStatusCode } from '@wundergraph/cosmo-connect/dist/common/common_pb';
import { AppError, badRequest } from '../http/errors.ts';
import type { GraphRegistry } from '../graphs/graph-registry.ts';
import type { OrgContext } from '../auth/principal.ts';
import { createSubgraphRequestSchema, updateSubgraphRequestSchema } from '../../shared/api/graphs.ts';
import { publishSchemaRequestSchema, type SchemaChange } from '../../shared/api/schema-registry.ts';
import { namespaceOf, ok, type CallRunner } from './platform-call.ts';
import { compositionResult, labelsToStrings, stringsToLabels } from './composition-results.ts';
import { namespacesFor, parseInput } from './graph-rpcs.ts';
import type { CosmoFlagService } from './cosmo-flag-service.ts';

type Impl = Partial<ServiceImpl<typeof PlatformService>>;

function onlyStandard(type: SubgraphType | undefined, isEventDrivenGraph: boolean | undefined): void {
  if (isEventDrivenGraph) throw badRequest('Event-driven graphs are not supported by Switchyard');
  if (type === SubgraphType.GRPC_PLUGIN || type === SubgraphType.GRPC_SERVICE) {
    throw badRequest('gRPC plugin and service subgraphs are published with `switchyard plugin push`, not through wgc');
  }
}

/** Cosmo lists a change once per check, not once per graph it shows up in. */
function toChanges(changes: SchemaChange[], isBreaking: boolean) {
  const seen = new Map<string, { message: string; changeType: string; path: string; isBreaking: boolean }>();
  for (const c of changes) {
    const key = `${c.type}\u0000${c.path}\u0000${c.message}`;
    if (!seen.has(key)) seen.set(key, { message: c.message, changeType: c.type, path: c.path ?? '', isBreaking });
  }
  return [...seen.values()];
}

/** Subgraphs, feature subgraphs (which wgc creates and publishes as subgraphs) and schema checks. */
export function subgraphRpcs(run: CallRunner, registry: GraphRegistry, cosmoFlags: CosmoFlagService): Impl {
  const isFeatureSubgraph = async (org: OrgContext, ns: string, name: string) =>
    (await cosmoFlags.find(org, ns, name)) !== undefined;

  return {
    createFederatedSubgraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        onlyStandard(req.type, req.isEventDrivenGraph);
        if (req.isFeatureSubgraph) {
          await cosmoFlags.createFeatureSubgraph(org, actor, ns, {
            name: req.name,
            base: req.baseSubgraphName ?? '',
            routingUrl: req.routingUrl ?? '',
          });
          return { response: ok };
        }
        if (await isFeatureSubgraph(org, ns, req.name)) {
          throw new AppError(409, 'conflict', `A feature subgraph named "${req.name}" already exists in namespace "${ns}"`);
        }
        const input = parseInput(createSubgraphRequestSchema, {
          name: req.name,
          routingUrl: req.routingUrl || null,
          labels: labelsToStrings(req.labels),
        });
        await registry.subgraphs.create(org, actor, ns, input);
        return { response: ok };
      }),

    publishFederatedSubgraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        onlyStandard(req.type, false);
        const feature = await cosmoFlags.find(org, ns, req.name);
        if (feature || req.isFeatureSubgraph) {
          if (!feature) {
            await cosmoFlags.createFeatureSubgraph(org, actor, ns, {
              name: req.name,
              base: req.baseSubgraphName ?? '',
              routingUrl: req.routingUrl ?? '',
            });
          }
          const { changed, failures } = await cosmoFlags.publishFeatureSubgraph(org, actor, ns, req.name, req.schema);
          return { ...compositionResult(ns, [], failures), hasChanged: changed };
        }
        // Like Cosmo, routing URL and labels only count when the publish creates the subgraph.
        const exists = (await registry.subgraphs.list(org, ns)).some((s) => s.name === req.name);
        const input = parseInput(publishSchemaRequestSchema, {
          sdl: req.schema,
          ...(exists ? {} : { routingUrl: req.routingUrl || undefined, labels: labelsToStrings(req.labels) }),
        });
        const result = await registry.schemas.publish(org, actor, ns, req.name, input);
        return { ...compositionResult(ns, result.compositions), hasChanged: !result.unchanged };
      }),

    getSubgraphs: (req, ctx) =>
      run(ctx, async ({ org }) => {
        const graphs = [];
        for (const ns of await namespacesFor(registry, org, req.namespace)) {
          for (const s of await registry.subgraphs.list(org, ns)) {
            graphs.push({
              id: s.id,
              targetId: s.id,
              name: s.name,
              namespace: s.namespace,
              routingURL: s.routingUrl ?? '',
              lastUpdatedAt: s.latestVersion?.createdAt ?? s.updatedAt,
              labels: stringsToLabels(s.labels),
              type: s.type === 'grpc_plugin' ? SubgraphType.GRPC_PLUGIN : SubgraphType.STANDARD,
            });
          }
          if (req.excludeFeatureSubgraphs) continue;
          for (const f of await cosmoFlags.list(org, ns)) {
            graphs.push({
              id: f.id,
              targetId: f.id,
              name: f.name,
              namespace: ns,
              routingURL: f.routingUrl,
              lastUpdatedAt: f.updatedAt.toISOString(),
              isFeatureSubgraph: true,
              baseSubgraphName: f.baseSubgraphName,
            });
          }
        }
        return { response: ok, graphs, count: graphs.length };
      }),

    checkSubgraphSchema: (req, ctx) =>
      run(ctx, async ({ org }) => {
        const ns = namespaceOf(req.namespace);
        if (req.delete) throw badRequest('Delete checks (--delete) are not supported by Switchyard yet');
        const sdl = new TextDecoder().decode(req.schema);
        let result;
        try {
          result = await registry.checks.check(org, ns, req.subgraphName, sdl);
        } catch (err) {
          // wgc has its own message for a schema that does not build; our details say where.
          if (err instanceof AppError && err.status === 400) {
            return { response: { code: EnumStatusCode.ERR_INVALID_SUBGRAPH_SCHEMA, details: err.message } };
          }
          throw err;
        }
        const compositionErrors = result.graphs.flatMap((g) =>
          g.compositionErrors.map((e) => ({
            message: e.subgraph ? `[${e.subgraph}] ${e.message}` : e.message,
            federatedGraphName: g.graph,
            namespace: ns,
            featureFlag: '',
          })),
        );
        const breakingChanges = toChanges(result.graphs.flatMap((g) => g.breakingChanges), true);
        const nonBreakingChanges = toChanges(result.graphs.flatMap((g) => g.otherChanges), false);
        return {
          response: ok,
          breakingChanges,
          nonBreakingChanges,
          compositionErrors,
          // We keep no client traffic: the traffic check is skipped, so any breaking change fails the check.
          operationUsageStats: { totalOperations: 0, safeOperations: 0, firstSeenAt: '', lastSeenAt: '' },
          clientTrafficCheckSkipped: true,
          checkedFederatedGraphs: result.graphs.map((g) => ({ id: '', name: g.graph, namespace: ns, organizationSlug: org.slug })),
          isCheckExtensionSkipped: true,
        };
      }),

    updateSubgraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        const labels = req.unsetLabels ? [] : req.labels.length ? labelsToStrings(req.labels) : undefined;
        const routingUrl = req.routingUrl || undefined;
        if (labels === undefined && routingUrl === undefined) {
          await registry.subgraphs.get(org, ns, req.name);
          return compositionResult(ns, []);
        }
        const input = parseInput(updateSubgraphRequestSchema, { labels, routingUrl });
        const { compositions } = await registry.subgraphs.update(org, actor, ns, req.name, input);
        return compositionResult(ns, compositions);
      }),

    deleteFederatedSubgraph: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        if (await isFeatureSubgraph(org, ns, req.subgraphName)) {
          const { failures } = await cosmoFlags.deleteFeatureSubgraph(org, actor, ns, req.subgraphName);
          return compositionResult(ns, [], failures);
        }
        const { compositions } = await registry.subgraphs.delete(org, actor, ns, req.subgraphName);
        return compositionResult(ns, compositions);
      }),
  };
}
