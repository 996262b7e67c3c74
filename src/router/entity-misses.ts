import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, parse, visit } from 'graphql';
import type { ServedComposition } from '../shared/router-config.ts';
import type { EntityMiss } from '../shared/router-misses.ts';

/**
 * Entity misses: a subgraph answered `_entities` with null for a representation, so the
 * key the router sent was unknown there. Recorded per request, they turn the non-null
 * violation they cause (masked as "Unexpected error.") into an error that names the
 * subgraph, the type and the key, and, when a generated mock plugin of this flag also
 * hands out that type, the mock the key came from. The last misses are kept for GET
 * /entity-misses, which the studio's flag page reads.
 */
type Obj = Record<string, unknown>;

type Origin = NonNullable<EntityMiss['origin']>;

/** Mock plugins of a composition, by the entity types they hand out. */
function mockOrigins(composition: ServedComposition): Map<string, Origin[]> {
  const out = new Map<string, Origin[]>();
  for (const s of composition.subgraphs) {
    const plugin = s.plugin?.name;
    if (s.kind !== 'grpc_plugin' || !plugin?.startsWith('mock-')) continue;
    const add = (node: { name: { value: string }; directives?: readonly { name: { value: string } }[] }) => {
      if (!node.directives?.some((d) => d.name.value === 'key')) return;
      out.set(node.name.value, [...(out.get(node.name.value) ?? []), { plugin, subgraph: s.name }]);
    };
    try {
      visit(parse(s.sdl), { ObjectTypeDefinition: add, ObjectTypeExtension: add });
    } catch {
      // a schema the router could not parse composes nothing; nothing to attribute
    }
  }
  return out;
}

export class EntityMissLog {
  private readonly entries: EntityMiss[] = [];
  constructor(private readonly max = 20) {}

  add(miss: EntityMiss): void {
    this.entries.unshift(miss);
    if (this.entries.length > this.max) this.entries.length = this.max;
  }

  /** Newest first; a flag's own, or all. */
  list(servedBy?: string): EntityMiss[] {
    return servedBy ? this.entries.filter((m) => m.servedBy === servedBy) : [...this.entries];
  }
}

const NON_NULL = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.?$/;

export function describeMiss(miss: Pick<EntityMiss, 'subgraph' | 'type' | 'key' | 'origin'>): string {
  const base = `${miss.subgraph} returned no ${miss.type} for ${JSON.stringify(miss.key)}`;
  if (!miss.origin) return base;
  const fields = Object.keys(miss.key);
  const example =
    fields.length === 1 ? `{"${miss.type}": {"${fields[0]}": [...]}}` : `{"${miss.type}": {"$keys": [...]}}`;
  return (
    `${base}; the key came from the mock plugin ${miss.origin.plugin} (subgraph ${miss.origin.subgraph}). ` +
    `Give its mocks.json a key pool of keys ${miss.subgraph} knows, e.g. ${example}`
  );
}

export function useEntityMisses(
  composition: ServedComposition,
  servedBy: string,
  log: EntityMissLog,
): GatewayPlugin {
  const origins = mockOrigins(composition);
  const perRequest = new WeakMap<object, EntityMiss[]>();
  const originFor = (type: string, subgraph: string) =>
    (origins.get(type) ?? []).find((o) => o.subgraph !== subgraph) ?? null;
  return {
    onSubgraphExecute({ subgraphName, executionRequest }) {
      const reps = executionRequest.variables?.['representations'];
      if (!Array.isArray(reps)) return undefined;
      const context = executionRequest.context as object | undefined;
      return ({ result }) => {
        if (!context || Symbol.asyncIterator in result) return;
        const entities = (result.data as Obj | null | undefined)?.['_entities'];
        if (!Array.isArray(entities)) return;
        entities.forEach((entity, i) => {
          if (entity !== null) return;
          const { __typename, ...key } = (reps[i] ?? {}) as Obj;
          const type = String(__typename);
          const miss: EntityMiss = {
            at: new Date().toISOString(),
            servedBy,
            subgraph: subgraphName,
            type,
            key,
            origin: originFor(type, subgraphName),
          };
          const list = perRequest.get(context) ?? [];
          if (list.length < 50) list.push(miss);
          perRequest.set(context, list);
          log.add(miss);
        });
      };
    },
    onExecutionResult({ result, setResult, context }) {
      const misses = perRequest.get(context as object);
      if (!misses?.length || !result || Symbol.asyncIterator in result) return;
      const explained = new Set<EntityMiss>();
      const errors = (result.errors ?? []).map((e) => explain(e, misses, explained));
      // A key a mock handed out that the real subgraph lacks is always reported, even where
      // the engine just answered null: the preview must say why the data is missing. Misses
      // of real subgraphs among themselves stay as production answers them.
      const seen = new Set<string>();
      for (const miss of misses) {
        const id = `${miss.subgraph}\u0000${miss.type}\u0000${JSON.stringify(miss.key)}`;
        if (explained.has(miss) || !miss.origin || seen.has(id)) continue;
        seen.add(id);
        errors.push(missError(miss));
      }
      if (errors.length) setResult({ ...result, errors });
    },
  };
}

function missError(miss: EntityMiss, path?: readonly (string | number)[]): GraphQLError {
  return new GraphQLError(describeMiss(miss), {
    ...(path ? { path } : {}),
    extensions: {
      code: 'ENTITY_NOT_FOUND',
      subgraph: miss.subgraph,
      type: miss.type,
      key: miss.key,
      ...(miss.origin ? { mockPlugin: miss.origin.plugin } : {}),
    },
  });
}

/** The miss that explains an error: same type as the non-null field, else the first. */
function explain(error: GraphQLError, misses: EntityMiss[], explained: Set<EntityMiss>): GraphQLError {
  const nonNull = NON_NULL.exec(error.message);
  const masked = error.message === 'Unexpected error.' || error.extensions?.['code'] === 'INTERNAL_SERVER_ERROR';
  if (!nonNull && !masked) return error;
  const miss = (nonNull && misses.find((m) => m.type === nonNull[1])) ?? misses[0]!;
  for (const m of misses) if (m.type === miss.type) explained.add(m);
  return missError(miss, error.path);
}
