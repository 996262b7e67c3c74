import { Kind, parse, print, type FieldDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { composeSubgraphs } from './compose.ts';

// Subgraphs from The Guild's federation audit where @theguild/federation-composition 0.27 alone
// builds a supergraph that differs from Apollo's in meaning (decision 0009).
const fed = (imports: string[]) =>
  `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: [${imports.map((i) => `"${i}"`).join(', ')}])\n`;

function compose(...sdls: string[]) {
  const result = composeSubgraphs(sdls.map((sdl, i) => ({ name: 'ab'[i]!, url: `http://localhost/${'ab'[i]}`, sdl })));
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result;
}

function field(supergraph: string, type: string, name: string): string {
  const def = parse(supergraph).definitions.find((d) => 'name' in d && d.name?.value === type && 'fields' in d);
  const f = (def as { fields: FieldDefinitionNode[] } | undefined)?.fields.find((x) => x.name.value === name);
  if (!f) throw new Error(`no ${type}.${name}`);
  return print({ ...f, description: undefined, kind: Kind.FIELD_DEFINITION });
}

describe('composeSubgraphs matches Apollo composition on the audit cases', () => {
  it('marks a field an @interfaceObject subgraph takes as @external (interface-object-with-requires)', () => {
    const { supergraphSdl } = compose(
      `${fed(['@key'])} type Query { users: [NodeWithName!]! }
       interface NodeWithName @key(fields: "id") { id: ID! name: String }
       type User implements NodeWithName @key(fields: "id") { id: ID! name: String age: Int }`,
      `${fed(['@key', '@interfaceObject', '@external', '@requires'])} type Query { anotherUsers: [NodeWithName] }
       type NodeWithName @key(fields: "id") @interfaceObject { id: ID! name: String @external username: String @requires(fields: "name") }`,
    );
    expect(field(supergraphSdl, 'NodeWithName', 'name')).toBe('name: String @join__field(graph: A) @join__field(graph: B, external: true)');
  });

  it('types a field by the union that holds what every subgraph returns (union-intersection)', () => {
    const result = compose(
      `${fed(['@shareable', '@key'])} union Media = Book | Song
       type Book @key(fields: "id") { id: ID! title: String! @shareable }
       type Song @key(fields: "id") { id: ID! title: String! @shareable }
       type Query { media: Media @shareable book: Book @shareable }`,
      `${fed(['@shareable', '@key'])} union Media = Book | Movie
       type Movie @key(fields: "id") { id: ID! title: String! @shareable }
       type Book @key(fields: "id") { id: ID! title: String! @shareable }
       type Query { media: Media @shareable book: Media @shareable }`,
    );
    expect(field(result.supergraphSdl, 'Query', 'book')).toBe('book: Media @join__field(graph: A, type: "Book") @join__field(graph: B, type: "Media")');
    expect(result.clientSchema).toMatch(/book: Media\b/);
  });

  it('composes a @requires that selects through type conditions (requires-with-fragments)', () => {
    const shared = `interface Foo { foo: String! }
      interface Bar implements Foo { foo: String! bar: String! }
      type Qux implements Foo & Bar @shareable { foo: String! bar: String! qux: String! }`;
    const { supergraphSdl } = compose(
      `${fed(['@key', '@shareable'])} type Query @shareable { a: Entity }
       type Entity @key(fields: "id") { id: ID! data: Foo } ${shared}`,
      `${fed(['@key', '@shareable', '@external', '@requires'])} type Query @shareable { b: Entity }
       type Entity @key(fields: "id") { id: ID! data: Foo @external
         requirer: String! @requires(fields: "data { foo ... on Bar { bar ... on Qux { qux } } }") } ${shared}`,
    );
    expect(field(supergraphSdl, 'Entity', 'requirer')).toContain('@join__field(graph: B, requires:');
  });

  it('still refuses a @requires on a field no subgraph has', () => {
    const result = composeSubgraphs([
      { name: 'a', url: 'http://localhost/a', sdl: `${fed(['@key'])} type Query { a: Entity } type Entity @key(fields: "id") { id: ID! }` },
      {
        name: 'b',
        url: 'http://localhost/b',
        sdl: `${fed(['@key', '@external', '@requires'])} type Entity @key(fields: "id") { id: ID! data: String @external r: String @requires(fields: "data") }`,
      },
    ]);
    expect(result.ok).toBe(false);
  });
});
