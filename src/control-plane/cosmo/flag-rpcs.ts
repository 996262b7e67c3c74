import type { ServiceImpl } from '@connectrpc/connect';
import type { PlatformService } from '@wundergraph/cosmo-connect/dist/platform/v1/platform_connect';
import type { GraphRegistry } from '../graphs/graph-registry.ts';
import type { FeatureFlagService } from '../feature-flags/flag-service.ts';
import type { FeatureFlag } from '../../shared/api/feature-flags.ts';
import { namespaceOf, ok, type CallRunner } from './platform-call.ts';
import { compositionResult, labelsToStrings, stringsToLabels } from './composition-results.ts';
import { namespacesFor } from './graph-rpcs.ts';
import type { CosmoFlagService, FlagFailure } from './cosmo-flag-service.ts';

type Impl = Partial<ServiceImpl<typeof PlatformService>>;

/** The failed compositions of an enabled flag, as wgc's composition error rows. */
function failuresOf(flag: FeatureFlag): FlagFailure[] {
  if (!flag.enabled) return [];
  return flag.graphs
    .filter((g) => g.status === 'failed')
    .flatMap((g) => (g.composition?.errors ?? []).map((e) => ({ graph: g.graph, flag: flag.name, message: e.message })));
}

/** Feature flags: created and updated through the Cosmo mapping, the rest through our flag service. */
export function flagRpcs(
  run: CallRunner,
  registry: GraphRegistry,
  flags: FeatureFlagService,
  cosmoFlags: CosmoFlagService,
): Impl {
  return {
    createFeatureFlag: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        const { failures } = await cosmoFlags.createFlag(org, actor, ns, {
          name: req.name,
          labels: labelsToStrings(req.labels),
          featureSubgraphs: req.featureSubgraphNames,
          enabled: req.isEnabled,
        });
        return compositionResult(ns, [], failures);
      }),

    updateFeatureFlag: (req, ctx) =>
      run(ctx, async ({ org, actor, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        const labels = req.unsetLabels ? [] : req.labels.length ? labelsToStrings(req.labels) : undefined;
        const featureSubgraphs = req.featureSubgraphNames.length ? req.featureSubgraphNames : undefined;
        const { failures } = await cosmoFlags.updateFlag(org, actor, ns, req.name, { labels, featureSubgraphs });
        return compositionResult(ns, [], failures);
      }),

    enableFeatureFlag: (req, ctx) =>
      run(ctx, async ({ org, principal, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        const before = await flags.get(org, ns, req.name);
        if (before.enabled === req.enabled) return { ...compositionResult(ns, []), hasChanged: false };
        const { featureFlag } = await flags.update(org, principal, ns, req.name, {
          expectedVersion: before.version,
          enabled: req.enabled,
        });
        return { ...compositionResult(ns, [], failuresOf(featureFlag)), hasChanged: true };
      }),

    deleteFeatureFlag: (req, ctx) =>
      run(ctx, async ({ org, principal, need }) => {
        need('developer');
        const ns = namespaceOf(req.namespace);
        await flags.delete(org, principal, ns, req.name, undefined);
        return compositionResult(ns, []);
      }),

    getFeatureFlags: (req, ctx) =>
      run(ctx, async ({ org }) => {
        const featureFlags = [];
        for (const ns of await namespacesFor(registry, org, req.namespace)) {
          for (const f of await flags.list(org, ns)) {
            featureFlags.push({
              id: f.id,
              name: f.name,
              namespace: f.namespace,
              labels: stringsToLabels(f.labels),
              isEnabled: f.enabled,
              createdBy: f.createdBy,
              createdAt: f.createdAt,
              updatedAt: f.updatedAt,
            });
          }
        }
        return { response: ok, featureFlags, totalCount: featureFlags.length };
      }),
  };
}
