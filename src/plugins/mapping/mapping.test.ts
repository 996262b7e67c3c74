import { describe, expect, it } from 'vitest';
import { parseHandshake } from '../runtime/handshake.ts';
import { goPlatform } from '../runtime/platform.ts';
import { compileSubgraph } from './compiled-subgraph.ts';
import { generateGrpcFiles, GrpcGenerationError, serviceNameFor } from './generate.ts';
import { indexMapping, snakeCase, topLevelKeyFields } from './mapping-index.ts';

const sdl = /* GraphQL */ `
  type User @key(fields: "id") @key(fields: "tenant email") {
    id: ID!
    email: String!
    tenant: String!
    org: Org!
    nick: String
    scores: [[Int!]]
    pet: Pet
    role: Role
  }
  type Org {
    id: ID!
  }
  type Dog {
    id: ID!
    barks: Boolean!
  }
  type Cat {
    id: ID!
    lives: Int!
  }
  union Pet = Dog | Cat
  enum Role {
    ADMIN_USER
    GUEST
  }
  input UserFilter {
    roles: [Role!]
    nickPrefix: String
  }
  type Query {
    users(filter: UserFilter, first: Int): [User]
  }
`;

describe('protographic naming and mapping', () => {
  it('names fields, services and key fields the way protographic does', () => {
    expect(snakeCase('topProduct')).toBe('top_product');
    expect(snakeCase('HTTPServer')).toBe('http_server');
    expect(snakeCase('address2')).toBe('address_2');
    expect(serviceNameFor('my-products')).toBe('MyProductsService');
    expect(topLevelKeyFields('org { id } email')).toEqual(['org', 'email']);
    expect(goPlatform('linux', 'x64')).toBe('linux_amd64');
    expect(goPlatform('darwin', 'arm64')).toBe('darwin_arm64');
  });

  it('indexes the generated mapping by GraphQL names', () => {
    const { mapping } = generateGrpcFiles(sdl, { pluginName: 'users' });
    const index = indexMapping(mapping);
    expect(index.service).toBe('UsersService');
    expect(index.operation('Query', 'users')?.mapped).toBe('QueryUsers');
    expect(index.protoEnumValue('Role', 'ADMIN_USER')).toBe('ROLE_ADMIN_USER');
    expect(index.graphqlEnumValue('Role', 'ROLE_GUEST')).toBe('GUEST');
    expect(index.entityLookups('User').map((l) => l.rpc)).toEqual([
      'LookupUserById',
      'LookupUserByEmailAndTenant',
    ]);
  });

  it('rejects SDL that cannot be mapped with a clear error', () => {
    expect(() => generateGrpcFiles('type Query { broken: }')).toThrow(GrpcGenerationError);
  });
});

describe('the codec between GraphQL values and protographic messages', () => {
  const files = generateGrpcFiles(sdl, { pluginName: 'users' });
  const compiled = compileSubgraph({
    name: 'users',
    sdl,
    protoSchema: files.protoSchema,
    mapping: files.mapping,
  });
  const userType = compiled.schema.getType('User')!;
  const userMessage = compiled.proto.type('User');

  it('round-trips wrappers, nested nullable lists, enums and unions through the wire format', () => {
    const user = {
      id: 'u1',
      email: 'a@b.c',
      tenant: 't',
      org: { id: 'o1' },
      nick: null,
      scores: [[1, 2], null, []],
      pet: { __typename: 'Cat', id: 'c1', lives: 9 },
      role: 'ADMIN_USER',
    };
    const encoded = compiled.codec.encodeObject(userType, user, userMessage);
    expect(encoded['scores']).toEqual({
      list: { items: [{ list: { items: [1, 2] } }, {}, { list: { items: [] } }] },
    });
    expect(encoded['role']).toBe(1);
    expect(encoded['pet']).toEqual({ cat: { id: 'c1', lives: 9 } });
    expect(encoded['nick']).toBeUndefined();
    const wire = userMessage.decode(userMessage.encode(encoded).finish());
    expect(compiled.codec.decodeObject(userType, wire, userMessage)).toEqual({
      __typename: 'User',
      ...user,
      org: { __typename: 'Org', id: 'o1' },
    });
  });

  it('decodes an unset enum (UNSPECIFIED) and an unset wrapper as null', () => {
    const wire = userMessage.decode(userMessage.encode({ id: 'u2' }).finish());
    const decoded = compiled.codec.decodeObject(userType, wire, userMessage);
    expect(decoded).toMatchObject({ id: 'u2', nick: null, role: null, pet: null, scores: null });
  });

  it('encodes arguments: input objects, enum lists and nullable scalars', () => {
    const request = compiled.rpc('QueryUsers').request;
    const field = compiled.schema.getQueryType()!.getFields()['users']!;
    const filterArg = field.args.find((a) => a.name === 'filter')!;
    const firstArg = field.args.find((a) => a.name === 'first')!;
    expect(
      compiled.codec.encodeField(
        filterArg.type,
        { roles: ['GUEST'], nickPrefix: 'a' },
        request.fields['filter']!,
      ),
    ).toEqual({
      roles: { list: { items: [2] } },
      nick_prefix: { value: 'a' },
    });
    expect(compiled.codec.encodeField(firstArg.type, 3, request.fields['first']!)).toEqual({ value: 3 });
  });
});

describe('go-plugin handshake', () => {
  it('parses a valid line and explains invalid ones', () => {
    expect(parseHandshake('1|1|unix|/tmp/x.sock|grpc\n')).toMatchObject({
      network: 'unix',
      address: '/tmp/x.sock',
      protocol: 'grpc',
    });
    expect(() => parseHandshake('hello')).toThrow(/not a go-plugin handshake/);
    expect(() => parseHandshake('2|1|unix|/x|grpc')).toThrow(/core protocol/);
    expect(() => parseHandshake('1|1|unix|/x|netrpc')).toThrow(/only grpc/);
    expect(() => parseHandshake('1|1|unix|/x')).toThrow(/only grpc/);
  });
});
