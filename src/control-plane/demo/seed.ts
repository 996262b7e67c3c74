import { createHash } from 'node:crypto';
import type { Database } from '../db/client.ts';
import { DEFAULT_NAMESPACE, type CompositionOutcome } from '../../shared/api/graphs.ts';
import { systemActor } from '../graphs/actor.ts';
import { graphRepos } from '../graphs/registry-context.ts';
import { createSubgraph } from '../graphs/subgraphs/subgraph-service.ts';
import { assertPublishableSdl } from '../graphs/subgraphs/schema-service.ts';
import { recomposeGraphs } from '../graphs/compositions/composer.ts';

export const DEMO_GRAPH = 'demo';
export const DEMO_LABEL = 'graph=demo';
export const DEFAULT_DEMO_ROUTER_URL = 'http://localhost:3002/graphql';

export interface DemoSubgraph {
  name: string;
  url: string;
  sdl: string;
}

export type SeedResult =
  { seeded: false } | { seeded: true; graphId: string; compositions: CompositionOutcome[] };

/**
 * Seeds graph `demo` in the default namespace: label matcher graph=demo, each subgraph
 * labelled graph=demo with its schema published, then one composition with all of them.
 * Does nothing when the graph exists, so it can run on every start; the namespace lock
 * makes instances starting together seed once.
 */
export async function seedDemoGraph(
  db: Database,
  organizationId: string,
  subgraphs: DemoSubgraph[],
  opts: { now?: () => Date; routerUrl?: string } = {},
): Promise<SeedResult> {
  for (const s of subgraphs) assertPublishableSdl(s.sdl);
  const now = (opts.now ?? (() => new Date()))();
  const actor = systemActor('demo-seed');
  const org = { id: organizationId };
  return db.transaction(async (tx) => {
    const r = graphRepos(tx);
    // The migration's trigger gives every organization this namespace; created here too
    // in case the organization predates it in some unforeseen way.
    await r.namespaces.create(organizationId, DEFAULT_NAMESPACE);
    const ns = (await r.namespaces.lock(organizationId, DEFAULT_NAMESPACE))!;
    if (await r.graphs.find(ns.id, DEMO_GRAPH)) return { seeded: false } as const;

    const graph = (await r.graphs.create({
      organizationId,
      namespaceId: ns.id,
      name: DEMO_GRAPH,
      routingUrl: opts.routerUrl ?? DEFAULT_DEMO_ROUTER_URL,
      labelMatchers: [DEMO_LABEL],
      createdBy: null,
      now,
    }))!;
    await r.audit.record({
      organizationId,
      actor,
      action: 'graph.created',
      resourceType: 'graph',
      resourceName: DEMO_GRAPH,
      namespace: ns.name,
      now,
    });

    for (const s of subgraphs) {
      const existing = await r.subgraphs.find(ns.id, s.name);
      const row = existing
        ? await r.subgraphs.update(
            existing.id,
            { routingUrl: s.url, labels: [...new Set([...existing.labels, DEMO_LABEL])].sort() },
            now,
          )
        : await createSubgraph(
            r,
            ns,
            org,
            actor,
            { name: s.name, type: 'standard', routingUrl: s.url, labels: [DEMO_LABEL] },
            now,
          );
      const sha256 = createHash('sha256').update(s.sdl).digest('hex');
      if ((await r.versions.latest(row.id))?.sha256 === sha256) continue;
      const version = await r.versions.create({
        subgraphId: row.id,
        sdl: s.sdl,
        sha256,
        sizeBytes: Buffer.byteLength(s.sdl, 'utf8'),
        createdBy: null,
        createdByLabel: actor.label,
        now,
      });
      await r.audit.record({
        organizationId,
        actor,
        action: 'subgraph.schema_published',
        resourceType: 'subgraph',
        resourceName: s.name,
        namespace: ns.name,
        details: { version: version.version },
        now,
      });
    }
    const compositions = await recomposeGraphs(
      { r, namespace: ns, actor, trigger: 'demo graph seeded', now },
      [graph],
    );
    return { seeded: true, graphId: graph.id, compositions };
  });
}
