import { GraphQLError, parse, visit, type ExecutionResult } from 'graphql';
import type { ServedComposition } from '../shared/router-config.ts';
import type { EntityMiss } from '../shared/router-misses.ts';
import { ENTITY_NOT_FOUND } from './entity-misses.ts';

/**
 * On top of entity-misses.ts (which names the subgraph, type and key of an entity a subgraph
 * did not find): when a generated mock plugin of this flag hands out that type, the error
 * says the key came from that mock (`mock-<flag>-<subgraph>`) and how to fix its key pool.
 * The router keeps the last misses for GET /entity-misses, which the studio's flag page reads.
 */
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

/** What a mock-made miss adds to the message entity-misses.ts words. */
export function mockOriginHint(miss: Pick<EntityMiss, 'subgraph' | 'type' | 'key'>, origin: Origin): string {
  const fields = Object.keys(miss.key);
  const example =
    fields.length === 1 ? `{"${miss.type}": {"${fields[0]}": [...]}}` : `{"${miss.type}": {"$keys": [...]}}`;
  return (
    `the key came from the mock plugin ${origin.plugin} (subgraph ${origin.subgraph}). ` +
    `Give its mocks.json a key pool of keys ${miss.subgraph} knows, e.g. ${example}`
  );
}

/** Logs the operation's entity misses and, where a mock handed out the key, says so in the error. */
export function mockMissResults(
  composition: ServedComposition,
  servedBy: string,
  log: EntityMissLog,
): (result: ExecutionResult) => ExecutionResult {
  const origins = mockOrigins(composition);
  return (result) => {
    if (!result.errors?.length) return result;
    let changed = false;
    const errors = result.errors.map((e) => {
      const ext = e.extensions ?? {};
      if (ext['code'] !== ENTITY_NOT_FOUND) return e;
      const subgraph = String(ext['serviceName']);
      const type = String(ext['typename']);
      const key = (ext['representation'] ?? {}) as Record<string, unknown>;
      const origin = (origins.get(type) ?? []).find((o) => o.subgraph !== subgraph) ?? null;
      log.add({ at: new Date().toISOString(), servedBy, subgraph, type, key, origin });
      if (!origin) return e;
      changed = true;
      // entity-misses.ts may have said "; the key came from <subgraph>": the mock says more.
      const base = e.message.replace(/; the key came from [^;]*$/, '');
      return new GraphQLError(`${base}; ${mockOriginHint({ subgraph, type, key }, origin)}`, {
        path: e.path,
        extensions: { ...ext, mockPlugin: origin.plugin },
      });
    });
    return changed ? { ...result, errors } : result;
  };
}
