import { z } from 'zod';
import type { Config } from '../control-plane/config.ts';
import { startControlPlane, type RunningControlPlane } from '../control-plane/start.ts';
import { startDemoSubgraphs, type DemoSubgraphs } from '../control-plane/demo/subgraphs/index.ts';
import { DEMO_GRAPH, seedDemoGraph } from '../control-plane/demo/seed.ts';
import { RouterTokenService } from '../control-plane/graphs/router-config/router-token-service.ts';
import { systemActor } from '../control-plane/graphs/actor.ts';
import { OrganizationRepository } from '../control-plane/organizations/organization-repository.ts';
import { organizations } from '../control-plane/db/schema.ts';
import { DEFAULT_NAMESPACE } from '../shared/api/graphs.ts';
import { PLANNERS } from '../router/planner.ts';
import { startRouter, type RunningRouter } from '../router/start.ts';

const LOCAL_ROUTER_TOKEN = 'local-router';

const stackEnv = z.object({
  ROUTER_PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  SWITCHYARD_DEMO: z.enum(['true', 'false']).default('true'),
  SWITCHYARD_DEMO_PORT: z.coerce.number().int().min(0).max(65533).default(4001),
  SWITCHYARD_ROUTER_DATA_DIR: z.string().min(1).optional(),
  SWITCHYARD_ROUTER_PLANNER: z.enum(PLANNERS, { message: 'must be rust or js' }).default('rust'),
  SWITCHYARD_ROUTER_MASK_ERRORS: z.enum(['true', 'false'], { message: 'must be true or false' }).default('false'),
});
export type StackOptions = z.infer<typeof stackEnv>;

export function loadStackOptions(env: Record<string, string | undefined> = process.env): StackOptions {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = stackEnv.safeParse(cleaned);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

export interface LocalStack {
  controlPlane: RunningControlPlane;
  demo: DemoSubgraphs | null;
  router: RunningRouter | null;
  routerGraphqlUrl: string | null;
  close(): Promise<void>;
}

/**
 * What `npm start` runs: the control plane; the demo subgraphs and a `demo` graph seeded
 * on first start; and a staging router that follows that graph exactly as a remote
 * router would, through a router token, the config endpoint and the change stream.
 */
export async function startLocalStack(config: Config, options: StackOptions): Promise<LocalStack> {
  const controlPlane = await startControlPlane(config);
  let demo: DemoSubgraphs | null = null;
  let router: RunningRouter | null = null;
  try {
    if (options.SWITCHYARD_DEMO === 'false') return { controlPlane, demo, router, routerGraphqlUrl: null, close: () => controlPlane.close() };
    const base = options.SWITCHYARD_DEMO_PORT;
    demo = await startDemoSubgraphs({
      host: '127.0.0.1',
      ports: base === 0 ? {} : { products: base, reviews: base + 1, accounts: base + 2 },
    });
    const db = controlPlane.database.db;
    const [org] = await db.select().from(organizations).orderBy(organizations.createdAt).limit(1);
    if (!org) throw new Error('No organization exists to seed the demo graph into');
    const routerGraphqlUrl = `http://localhost:${options.ROUTER_PORT}/graphql`;
    await seedDemoGraph(db, org.id, demo.subgraphs, { routerUrl: routerGraphqlUrl });

    // A fresh token each start; the previous start's token is revoked, so tokens do not pile up.
    const tokens = new RouterTokenService({ db, now: () => new Date() });
    const orgContext = { id: org.id, slug: org.slug, name: org.name, role: 'admin' as const };
    const actor = systemActor('npm-start');
    for (const t of await tokens.list(orgContext, DEFAULT_NAMESPACE, DEMO_GRAPH)) {
      if (t.name === LOCAL_ROUTER_TOKEN && !t.revokedAt) await tokens.revoke(orgContext, actor, DEFAULT_NAMESPACE, DEMO_GRAPH, t.id);
    }
    const { token } = await tokens.create(orgContext, actor, DEFAULT_NAMESPACE, DEMO_GRAPH, LOCAL_ROUTER_TOKEN);
    await new OrganizationRepository(db).findBySlug(org.slug);

    router = await startRouter({
      source: { kind: 'control-plane', apiUrl: `http://127.0.0.1:${portOf(controlPlane.url, config.port)}`, token },
      port: options.ROUTER_PORT,
      host: config.host,
      dataDir: options.SWITCHYARD_ROUTER_DATA_DIR ?? null,
      planner: options.SWITCHYARD_ROUTER_PLANNER,
      maskErrors: options.SWITCHYARD_ROUTER_MASK_ERRORS === 'true',
      corsOrigins: [controlPlane.url, 'http://localhost:5173', `http://127.0.0.1:${config.port}`, `http://localhost:${config.port}`],
    });
    const running = router;
    const runningDemo = demo;
    return {
      controlPlane,
      demo,
      router,
      routerGraphqlUrl,
      async close() {
        await running.close();
        await runningDemo.close();
        await controlPlane.close();
      },
    };
  } catch (err) {
    await router?.close().catch(() => {});
    await demo?.close().catch(() => {});
    await controlPlane.close();
    throw err;
  }
}

function portOf(url: string, fallback: number): number {
  const port = Number(new URL(url).port);
  return Number.isFinite(port) && port > 0 ? port : fallback;
}
