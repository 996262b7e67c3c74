import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, startTestServer, type TestServer } from '../testing/test-server.ts';
import type { TestClient } from '../testing/test-client.ts';
import { graphPaths } from '../../shared/api/graph-paths.ts';
import {
  accountsSdl,
  conflictingReviewsSdl,
  createGraph,
  ns,
  paths,
  productsSdl,
  publish,
  reviewsSdl,
} from './testing/fixtures.ts';

let ts: TestServer;
let admin: TestClient;
beforeAll(async () => {
  ts = await startTestServer();
  admin = await ts.admin();
});
afterAll(() => ts.close());

describe('namespaces', () => {
  it('every organization has a default namespace, which cannot be deleted', async () => {
    const list = await admin.json('GET', graphPaths.namespaces(ORG));
    expect(list.status).toBe(200);
    expect(list.body.namespaces).toEqual([expect.objectContaining({ name: 'default' })]);
    expect((await admin.json('DELETE', graphPaths.namespace(ORG, 'default'))).status).toBe(409);
    expect((await admin.json('POST', graphPaths.namespaces(ORG), { name: 'staging' })).status).toBe(201);
    expect((await admin.json('POST', graphPaths.namespaces(ORG), { name: 'staging' })).status).toBe(409);
    expect((await admin.json('DELETE', graphPaths.namespace(ORG, 'staging'))).status).toBe(204);
    expect((await admin.json('GET', graphPaths.graphs(ORG, 'staging'))).status).toBe(404);
  });
});

describe('publish → compose → router config', () => {
  it('composes on every publish, keeps history and builds a router config', async () => {
    const created = await createGraph(admin, 'shop', ['graph=shop']);
    expect(created.graph.status).toBe('pending');
    expect(created.compositions).toEqual([]);

    const first = await publish(admin, 'shop-products', productsSdl, { labels: ['graph=shop'] });
    expect(first.created).toBe(true);
    expect(first.version.version).toBe(1);
    expect(first.compositions).toEqual([
      expect.objectContaining({
        graph: 'shop',
        status: 'success',
        errors: [],
        routerConfigChanged: true,
        routerConfigHash: expect.stringMatching(/^[a-f0-9]{64}$/),
      }),
    ]);

    const second = await publish(admin, 'shop-reviews', reviewsSdl, { labels: ['graph=shop'] });
    expect(second.compositions[0]).toMatchObject({ status: 'success', routerConfigChanged: true });
    expect(second.compositions[0]!.routerConfigHash).not.toBe(first.compositions[0]!.routerConfigHash);

    const graph = await admin.json('GET', paths.graph('shop'));
    expect(graph.body).toMatchObject({
      status: 'composed',
      subgraphCount: 2,
      labelMatchers: ['graph=shop'],
      routerConfig: { hash: second.compositions[0]!.routerConfigHash },
      latestComposition: {
        id: second.compositions[0]!.compositionId,
        status: 'success',
        triggeredBy: 'admin@example.test',
      },
    });
    expect((graph.body.subgraphs as { name: string }[]).map((s) => s.name)).toEqual([
      'shop-products',
      'shop-reviews',
    ]);

    const schema = await admin.json('GET', graphPaths.graphSchema(ORG, ns, 'shop'));
    expect(schema.body.clientSchema).toMatch(/reviews: \[Review!\]!/);
    expect(schema.body.supergraphSdl).toMatch(/join__Graph/);

    const history = await admin.json('GET', `${graphPaths.compositions(ORG, ns, 'shop')}?limit=1`);
    expect(history.body.compositions).toEqual([
      expect.objectContaining({
        id: second.compositions[0]!.compositionId,
        served: true,
        trigger: 'schema of shop-reviews published (v1)',
        subgraphs: [
          expect.objectContaining({ name: 'shop-products', version: 1 }),
          expect.objectContaining({ name: 'shop-reviews', version: 1 }),
        ],
      }),
    ]);
    const older = await admin.json(
      'GET',
      `${graphPaths.compositions(ORG, ns, 'shop')}?limit=1&cursor=${history.body.nextCursor}`,
    );
    expect(older.body.compositions).toEqual([
      expect.objectContaining({ id: first.compositions[0]!.compositionId, served: false }),
    ]);
    expect(older.body.nextCursor).toBeNull();

    const detail = await admin.json(
      'GET',
      graphPaths.composition(ORG, ns, 'shop', first.compositions[0]!.compositionId),
    );
    expect(detail.body).toMatchObject({ status: 'success', errors: [] });
    expect(detail.body.clientSchema).not.toMatch(/reviews/);

    // The same SDL again makes no version and no composition.
    const again = await publish(admin, 'shop-reviews', reviewsSdl);
    expect(again).toMatchObject({ unchanged: true, created: false, compositions: [] });
    expect(again.version.version).toBe(1);
  });

  it('a failed composition is recorded with its errors but never replaces the last good config', async () => {
    const before = await admin.json('GET', paths.graph('shop'));
    const goodHash = (before.body.routerConfig as { hash: string }).hash;
    const res = await publish(admin, 'shop-reviews', conflictingReviewsSdl);
    expect(res.compositions).toHaveLength(1);
    const outcome = res.compositions[0]!;
    expect(outcome.status).toBe('failed');
    expect(outcome.errors.length).toBeGreaterThan(0);
    expect(outcome.errors.some((e) => e.subgraph === 'shop-reviews' || e.subgraph === 'shop-products')).toBe(
      true,
    );
    expect(outcome).toMatchObject({ routerConfigHash: goodHash, routerConfigChanged: false });

    const after = await admin.json('GET', paths.graph('shop'));
    expect(after.body).toMatchObject({
      status: 'failed',
      routerConfig: { hash: goodHash },
      latestComposition: { status: 'failed' },
    });
    expect((after.body.lastGoodComposition as { id: string }).id).not.toBe(
      (after.body.latestComposition as { id: string }).id,
    );
    const schema = await admin.json('GET', graphPaths.graphSchema(ORG, ns, 'shop'));
    expect(schema.body.clientSchema).toMatch(/reviews: \[Review!\]!/);

    const failed = await admin.json('GET', graphPaths.composition(ORG, ns, 'shop', outcome.compositionId));
    expect(failed.body).toMatchObject({
      status: 'failed',
      supergraphSdl: null,
      clientSchema: null,
      served: false,
    });

    // Fixing the schema composes again and moves routers on.
    const fixed = await publish(
      admin,
      'shop-reviews',
      reviewsSdl.replace('rating: Int!', 'rating: Int!\n  title: String'),
    );
    expect(fixed.compositions[0]).toMatchObject({ status: 'success', routerConfigChanged: true });
  });
});

describe('label matching decides membership', () => {
  it('AND across matchers, OR inside one; no matchers means unlabelled subgraphs only', async () => {
    await publish(admin, 'lm-a-prod', accountsSdl.replace(/User/g, 'UserA').replace('me:', 'meA:'), {
      labels: ['team=a', 'env=prod'],
    });
    await publish(admin, 'lm-b-dev', accountsSdl.replace(/User/g, 'UserB').replace('me:', 'meB:'), {
      labels: ['team=b', 'env=dev'],
    });
    await publish(admin, 'lm-c-prod', accountsSdl.replace(/User/g, 'UserC').replace('me:', 'meC:'), {
      labels: ['team=c', 'env=prod'],
    });
    await publish(admin, 'lm-none', accountsSdl.replace(/User/g, 'UserN').replace('me:', 'meN:'));

    const teams = await createGraph(admin, 'teams', ['team=a,team=b', 'env=prod']);
    expect(teams.compositions).toEqual([expect.objectContaining({ status: 'success' })]);
    const members = async (graph: string) =>
      ((await admin.json('GET', paths.graph(graph))).body.subgraphs as { name: string }[])
        .map((s) => s.name)
        .filter((n) => n.startsWith('lm-'));
    expect(await members('teams')).toEqual(['lm-a-prod']);

    await createGraph(admin, 'unlabelled', []);
    expect(await members('unlabelled')).toEqual(['lm-none']);

    // Moving b to prod brings it in, and the graph recomposes with it.
    const moved = await admin.json('PATCH', paths.subgraph('lm-b-dev'), { labels: ['team=b', 'env=prod'] });
    expect(moved.status).toBe(200);
    expect(moved.body.subgraph).toMatchObject({ labels: ['env=prod', 'team=b'], graphs: ['teams'] });
    expect(moved.body.compositions).toEqual([expect.objectContaining({ graph: 'teams', status: 'success' })]);
    expect(await members('teams')).toEqual(['lm-a-prod', 'lm-b-dev']);
    const schema = await admin.json('GET', graphPaths.graphSchema(ORG, ns, 'teams'));
    expect(schema.body.clientSchema).toMatch(/meB: UserB/);

    // Changing the graph's matchers recomposes it with its new members.
    const rematched = await admin.json('PATCH', paths.graph('teams'), { labelMatchers: ['env=prod'] });
    expect(rematched.status).toBe(200);
    expect(rematched.body.compositions).toEqual([
      expect.objectContaining({ graph: 'teams', status: 'success' }),
    ]);
    expect(await members('teams')).toEqual(['lm-a-prod', 'lm-b-dev', 'lm-c-prod']);

    // Deleting a subgraph recomposes the graphs it was in.
    const deleted = await admin.json('DELETE', paths.subgraph('lm-c-prod'));
    expect(deleted.status).toBe(200);
    expect(deleted.body.compositions).toEqual([
      expect.objectContaining({ graph: 'teams', status: 'success' }),
    ]);
    expect(await members('teams')).toEqual(['lm-a-prod', 'lm-b-dev']);
  });
});

describe('roles', () => {
  it('a viewer reads but cannot publish or change anything', async () => {
    const viewer = await ts.member('viewer');
    expect((await viewer.json('GET', paths.graphs)).status).toBe(200);
    expect((await viewer.json('GET', paths.subgraph('shop-products'))).status).toBe(200);
    const res = await viewer.json('POST', paths.publish('shop-products'), { sdl: productsSdl });
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toMatch(/developer/);
    expect(
      (await viewer.json('POST', paths.graphs, { name: 'v', routingUrl: 'http://localhost:1/graphql' }))
        .status,
    ).toBe(403);
    expect((await viewer.json('DELETE', paths.graph('shop'))).status).toBe(403);
    expect((await viewer.json('POST', paths.tokens('shop'), { name: 'x' })).status).toBe(403);
    // A check writes nothing, so a viewer may run it.
    expect((await viewer.json('POST', paths.check('shop-products'), { sdl: productsSdl })).status).toBe(200);
  });

  it('a developer publishes; someone outside the organization gets 404', async () => {
    const dev = await ts.member('developer');
    const res = await dev.json('POST', paths.publish('dev-sub'), {
      sdl: 'type Query { dev: String }',
      routingUrl: 'http://localhost:4999/graphql',
    });
    expect(res.status).toBe(200);
    expect((await ts.client().json('GET', paths.graphs)).status).toBe(401);
  });
});

describe('versions, diffs and the audit log', () => {
  it('lists versions, returns one, and diffs two', async () => {
    await publish(admin, 'vd', productsSdl);
    await publish(
      admin,
      'vd',
      productsSdl.replace('  price: Int\n', '').replace('name: String!', 'name: String!\n  sku: String'),
    );
    const versions = await admin.json('GET', graphPaths.subgraphVersions(ORG, ns, 'vd'));
    expect((versions.body.versions as { version: number }[]).map((v) => v.version)).toEqual([2, 1]);
    const v1 = await admin.json('GET', graphPaths.subgraphVersion(ORG, ns, 'vd', 1));
    expect(v1.body).toMatchObject({ version: 1, sdl: productsSdl, createdBy: 'admin@example.test' });
    expect((await admin.json('GET', graphPaths.subgraphVersion(ORG, ns, 'vd', 9))).status).toBe(404);

    const diff = await admin.json('GET', graphPaths.subgraphDiff(ORG, ns, 'vd', 1, 2));
    expect(diff.status).toBe(200);
    expect(diff.body.unifiedDiff).toMatch(/^-\s+price: Int$/m);
    expect(diff.body.unifiedDiff).toMatch(/^\+\s+sku: String$/m);
    expect(diff.body.changesError).toBeNull();
    expect(diff.body.changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'FIELD_REMOVED', path: 'Product.price', criticality: 'breaking' }),
        expect.objectContaining({ type: 'FIELD_ADDED', path: 'Product.sku', criticality: 'safe' }),
      ]),
    );
    expect(
      (await admin.json('GET', `${graphPaths.subgraphSchema(ORG, ns, 'vd')}/diff?from=1&to=x`)).status,
    ).toBe(400);
  });

  it('records who did what, newest first, paginated', async () => {
    const page = await admin.json('GET', `${graphPaths.auditLog(ORG)}?limit=2`);
    expect(page.status).toBe(200);
    const entries = page.body.entries as { action: string; resourceName: string; actor: { label: string } }[];
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      action: 'subgraph.schema_published',
      resourceName: 'vd',
      actor: { kind: 'user', label: 'admin@example.test' },
    });
    const rest = await admin.json(
      'GET',
      `${graphPaths.auditLog(ORG)}?limit=200&cursor=${page.body.nextCursor}`,
    );
    const actions = (rest.body.entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'graph.created',
        'subgraph.created',
        'subgraph.updated',
        'subgraph.deleted',
        'namespace.created',
        'namespace.deleted',
      ]),
    );
  });
});
