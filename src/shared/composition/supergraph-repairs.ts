import {
  Kind,
  parseType,
  print,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type TypeNode,
} from 'graphql';

/**
 * Repairs of supergraphs from @theguild/federation-composition 0.27 where they tell the query
 * planner something the subgraphs do not say, found with The Guild's federation audit against
 * the supergraphs @apollo/composition builds from the same subgraphs (decision 0009). Each repair
 * only adds what the subgraphs state; the library's output is used as is when none applies.
 *
 * 1. A field that an @interfaceObject subgraph marks @external got no @join__field at all, so the
 *    planner took it as resolvable in every graph of the interface, the @interfaceObject one too
 *    (audit suite interface-object-with-requires). Now: @join__field per graph, external marked.
 * 2. A field whose subgraphs return different types (Book in one, a union Media holding Book in
 *    another) got the narrowest type, so an answer of another member broke the response (suite
 *    union-intersection). Now: the type that holds all the others, with @join__field(type:) per
 *    graph, as Apollo composes it.
 */
export function repairSupergraph(supergraph: DocumentNode, subgraphs: { name: string; typeDefs: DocumentNode }[]): DocumentNode | null {
  const graphOf = graphEnumValues(supergraph);
  const fieldsBySubgraph = new Map(subgraphs.map((s) => [graphOf.get(s.name) ?? s.name, fieldIndex(s.typeDefs)]));
  const holds = abstractMembers(supergraph);
  let changed = false;
  const definitions = supergraph.definitions.map((def): DefinitionNode => {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) return def;
    const joinTypes = (def.directives ?? []).filter((d) => d.name.value === 'join__type');
    const graphs = [...new Set(joinTypes.map((d) => enumArg(d, 'graph')).filter((g): g is string => g !== null))];
    if (graphs.length < 2) return def;
    const interfaceObject = joinTypes.some((d) => boolArg(d, 'isInterfaceObject'));
    const fields = (def.fields ?? []).map((field) => {
      const perGraph = graphs
        .map((graph) => ({ graph, field: fieldsBySubgraph.get(graph)?.get(def.name.value)?.get(field.name.value) }))
        .filter((g): g is { graph: string; field: FieldDefinitionNode } => g.field !== undefined);
      const repaired =
        widenType(field, perGraph, holds) ?? (interfaceObject ? markInterfaceObjectExternals(field, perGraph) : null);
      if (repaired) changed = true;
      return repaired ?? field;
    });
    return { ...def, fields };
  });
  return changed ? { ...supergraph, definitions } : null;
}

type PerGraph = { graph: string; field: FieldDefinitionNode }[];

function markInterfaceObjectExternals(field: FieldDefinitionNode, perGraph: PerGraph): FieldDefinitionNode | null {
  if (joinFields(field).length > 0 || !perGraph.some((g) => isExternal(g.field))) return null;
  const added = perGraph.map((g) => joinField(g.graph, isExternal(g.field) ? { external: true } : {}));
  return { ...field, directives: [...(field.directives ?? []), ...added] };
}

function widenType(field: FieldDefinitionNode, perGraph: PerGraph, holds: Map<string, Set<string>>): FieldDefinitionNode | null {
  const resolving = perGraph.filter((g) => !isExternal(g.field));
  const types = resolving.map((g) => print(g.field.type));
  if (new Set(types).size < 2) return null;
  const named = resolving.map((g) => namedType(g.field.type));
  const shapes = types.map((t, i) => t.replace(named[i]!, '#'));
  if (new Set(shapes).size !== 1) return null; // differing list or non-null wrapping: left to the library
  const widest = [...new Set(named)].find((t) => named.every((n) => n === t || holds.get(t)?.has(n)));
  if (!widest || namedType(field.type) === widest) return null;
  const existing = joinFields(field);
  const directives = existing.length
    ? (field.directives ?? []).map((d) => {
        if (d.name.value !== 'join__field') return d;
        const at = resolving.findIndex((g) => g.graph === enumArg(d, 'graph'));
        if (at < 0) return d;
        const args = (d.arguments ?? []).filter((a) => a.name.value !== 'type');
        return { ...d, arguments: [...args, stringArgument('type', types[at]!)] };
      })
    : [...(field.directives ?? []), ...resolving.map((g, i) => joinField(g.graph, { type: types[i]! }))];
  return { ...field, type: parseType(shapes[0]!.replace('#', widest)), directives };
}

/** Subgraph name → join__Graph enum value. */
function graphEnumValues(supergraph: DocumentNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const def of supergraph.definitions) {
    if (def.kind !== Kind.ENUM_TYPE_DEFINITION || def.name.value !== 'join__Graph') continue;
    for (const value of def.values ?? []) {
      const d = value.directives?.find((x) => x.name.value === 'join__graph');
      const name = d?.arguments?.find((a) => a.name.value === 'name')?.value;
      if (name?.kind === Kind.STRING) out.set(name.value, value.name.value);
    }
  }
  return out;
}

/** type name → field name → field, over a subgraph's definitions and extensions. */
function fieldIndex(doc: DocumentNode): Map<string, Map<string, FieldDefinitionNode>> {
  const out = new Map<string, Map<string, FieldDefinitionNode>>();
  for (const def of doc.definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.INTERFACE_TYPE_EXTENSION
    )
      continue;
    const fields = out.get(def.name.value) ?? new Map<string, FieldDefinitionNode>();
    for (const f of def.fields ?? []) fields.set(f.name.value, f);
    out.set(def.name.value, fields);
  }
  return out;
}

/** Abstract type → the object and interface types it holds (union members, implementers). */
function abstractMembers(supergraph: DocumentNode): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const add = (abstract: string, member: string) => out.set(abstract, (out.get(abstract) ?? new Set()).add(member));
  for (const def of supergraph.definitions) {
    if (def.kind === Kind.UNION_TYPE_DEFINITION) for (const m of def.types ?? []) add(def.name.value, m.name.value);
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.INTERFACE_TYPE_DEFINITION)
      for (const i of def.interfaces ?? []) add(i.name.value, def.name.value);
  }
  return out;
}

const isExternal = (f: FieldDefinitionNode) =>
  (f.directives ?? []).some((d) => d.name.value === 'external' || d.name.value === 'federation__external');
const joinFields = (f: FieldDefinitionNode) => (f.directives ?? []).filter((d) => d.name.value === 'join__field');
const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

function enumArg(d: ConstDirectiveNode, name: string): string | null {
  const v = d.arguments?.find((a) => a.name.value === name)?.value;
  return v?.kind === Kind.ENUM ? v.value : null;
}
function boolArg(d: ConstDirectiveNode, name: string): boolean {
  const v = d.arguments?.find((a) => a.name.value === name)?.value;
  return v?.kind === Kind.BOOLEAN && v.value;
}

const nameNode = (value: string) => ({ kind: Kind.NAME, value }) as const;
const stringArgument = (name: string, value: string): ConstArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: nameNode(name),
  value: { kind: Kind.STRING, value },
});

function joinField(graph: string, extra: { external?: true; type?: string }): ConstDirectiveNode {
  const args: ConstArgumentNode[] = [{ kind: Kind.ARGUMENT, name: nameNode('graph'), value: { kind: Kind.ENUM, value: graph } }];
  if (extra.type) args.push(stringArgument('type', extra.type));
  if (extra.external) args.push({ kind: Kind.ARGUMENT, name: nameNode('external'), value: { kind: Kind.BOOLEAN, value: true } });
  return { kind: Kind.DIRECTIVE, name: nameNode('join__field'), arguments: args };
}
