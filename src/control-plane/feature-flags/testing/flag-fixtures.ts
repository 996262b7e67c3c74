import { expect } from 'vitest';
import type { TestClient } from '../../testing/test-client.ts';
import { ORG, startTestServer, type TestServer } from '../../testing/test-server.ts';
import { createGraph, productsSdl, publish, reviewsSdl } from '../../graphs/testing/fixtures.ts';
import { graphPaths } from '../../../shared/api/graph-paths.ts';
import { flagPaths, type FeatureFlag, type FeatureFlagDetail, type FlagComposition, type FlagSchemaDiff, type Swap } from '../../../shared/api/feature-flags.ts';
import { routerConfigSchema, type RouterConfig } from '../../../shared/router-config.ts';

export const ns = 'default';
export const fp = {
  flags: flagPaths.flags(ORG, ns),
  graphFlags: (graph: string) => flagPaths.graphFlags(ORG, ns, graph),
  flag: (name: string) => flagPaths.flag(ORG, ns, name),
  swap: (name: string, subgraph: string) => flagPaths.swap(ORG, ns, name, subgraph),
  mockDefaults: (name: string, subgraph: string) => flagPaths.mockDefaults(ORG, ns, name, subgraph),
  diff: (name: string, graph?: string) => flagPaths.schemaDiff(ORG, ns, name, graph),
};

export async function createFlag(c: TestClient, graph: string, name: string): Promise<FeatureFlag> {
  const res = await c.json('POST', fp.graphFlags(graph), { name, description: `preview of ${name}` });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.featureFlag as FeatureFlag;
}

export async function getFlag(c: TestClient, name: string): Promise<FeatureFlagDetail> {
  const res = await c.json('GET', fp.flag(name));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as FeatureFlagDetail;
}

export async function swap(c: TestClient, name: string, subgraph: string, s: Swap, expectedVersion?: number) {
  const version = expectedVersion ?? (await getFlag(c, name)).version;
  return req(c, 'PUT', fp.swap(name, subgraph), { expectedVersion: version, swap: s });
}

export async function routerConfig(c: TestClient, token: string): Promise<{ config: RouterConfig; hash: string }> {
  const res = await c.raw('GET', graphPaths.routerConfig, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  return { config: routerConfigSchema.parse(JSON.parse(text)), hash: (res.headers.get('etag') ?? '').replace(/"/g, '') };
}

/** What flag endpoints answer, typed for assertions (an error answer has only `error`). */
export interface FlagBody {
  featureFlag: FeatureFlag;
  featureFlags: FeatureFlag[];
  types: FlagSchemaDiff['types'];
  baseSdl: string;
  flagSdl: string;
  clientSchema: string;
  entries: { action: string; resourceName: string }[];
  compositions: FlagComposition[];
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export async function req(c: TestClient, method: string, path: string, body?: unknown): Promise<{ status: number; body: FlagBody }> {
  const res = await c.json(method, path, body);
  return { status: res.status, body: res.body as unknown as FlagBody };
}

/** A control plane with graph demo (products and reviews, labelled graph=demo), and its admin. */
export async function startDemoGraphServer(): Promise<{ ts: TestServer; admin: TestClient }> {
  const ts = await startTestServer();
  const admin = await ts.admin();
  await createGraph(admin, 'demo', ['graph=demo']);
  await publish(admin, 'products', productsSdl, { labels: ['graph=demo'] });
  await publish(admin, 'reviews', reviewsSdl, { labels: ['graph=demo'] });
  return { ts, admin };
}
