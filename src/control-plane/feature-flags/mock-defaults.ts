import type { GraphRepos } from '../graphs/registry-context.ts';
import type { NamespaceRow } from '../graphs/namespaces/namespace-repository.ts';
import type { MockDefaults } from '../../shared/api/feature-flags.ts';
import { applicableGraphs, loadFlags } from './flag-views.ts';
import type { FlagRow } from './flag-repository.ts';
import {
  hasPool,
  keyTargets,
  observedPool,
  sampleKeys,
  withPools,
  type KeyPoolInfo,
  type KeyPoolSource,
} from './key-pools.ts';
import type { ObservedKeyStore } from '../graphs/router-config/observed-key-store.ts';

type Obj = Record<string, unknown>;

/** What the swap dialog starts from when nobody wrote a mocks.json yet. */
const STARTER_MOCKS: Obj = { $listLength: 2 };

/**
 * mocks.json with key pools for every entity type of the mock another subgraph of the
 * flag's graph resolves: kept when mocks.json has one, otherwise the keys the graph's
 * staging router saw resolved in base traffic, otherwise sampled from the base graph
 * through its router. The swap dialog shows (and lets people edit) the result, and the
 * swap builds from exactly what it is given, so one input always gives one build.
 */
export async function mockKeyPools(
  r: GraphRepos,
  ns: NamespaceRow,
  flag: FlagRow,
  subgraph: string,
  sdl: string,
  mocks: Obj,
  opts: { sample?: boolean; timeoutMs?: number; observed?: ObservedKeyStore } = {},
): Promise<MockDefaults> {
  const data = await loadFlags(r, ns, [flag]);
  const graphs = applicableGraphs(data, flag).filter((g) => g.members.some((m) => m.name === subgraph));
  const chosen = graphs[0];
  if (!chosen) return { mocks, keyPools: [] };
  const others: { name: string; sdl: string }[] = [];
  for (const m of chosen.members) {
    if (m.name === subgraph) continue;
    const latest = await r.versions.latest(m.id);
    if (latest?.sdl) others.push({ name: m.name, sdl: latest.sdl });
  }
  let targets;
  try {
    targets = keyTargets(sdl, others);
  } catch {
    return { mocks, keyPools: [] }; // the SDL check names what is wrong with it
  }
  const explicit = targets.filter((t) => hasPool(mocks, t));
  const missing = targets.filter((t) => !hasPool(mocks, t));
  // Keys real traffic resolved first: they are the data people query, and cost no request.
  const found = new Map<string, Obj[]>();
  const source = new Map<string, KeyPoolSource>();
  const observed = missing.length && opts.observed ? await opts.observed.keysOf(chosen.graph.id, missing.map((t) => t.type)) : null;
  for (const t of missing) {
    const pool = observedPool(observed?.get(t.type) ?? [], t);
    if (pool.length) {
      found.set(t.type, pool);
      source.set(t.type, 'observed');
    }
  }
  const unseen = missing.filter((t) => !found.has(t.type));
  if (unseen.length && opts.sample !== false) {
    const base = await r.compositions.latestGood(chosen.graph.id);
    if (base?.clientSchema && chosen.graph.routingUrl) {
      const sampled = await sampleKeys(chosen.graph.routingUrl, base.clientSchema, unseen, {
        timeoutMs: opts.timeoutMs ?? 3000,
      });
      for (const [type, keys] of sampled) {
        found.set(type, keys);
        source.set(type, 'sampled');
      }
    }
  }
  const filled = withPools(mocks, found, missing);
  const keyPools: KeyPoolInfo[] = [
    ...explicit.map((t) => ({ ...t, source: 'mocks.json' as const, count: poolSize(mocks, t.type, t.key) })),
    ...missing
      .filter((t) => found.get(t.type)?.length)
      .map((t) => ({ ...t, source: source.get(t.type)!, count: found.get(t.type)!.length })),
  ];
  return { mocks: filled, keyPools: keyPools.sort((a, b) => a.type.localeCompare(b.type)) };
}

export function starterMocks(): Obj {
  return { ...STARTER_MOCKS };
}

function poolSize(mocks: Obj, type: string, key: string): number {
  const t = (mocks[type] ?? {}) as Obj;
  const pool = Array.isArray(t['$keys']) ? t['$keys'] : t[key.split(' ')[0]!];
  return Array.isArray(pool) ? pool.length : 0;
}
