import { describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import { starterQuery } from './starter-query.ts';

describe('starter query', () => {
  it('picks root fields that need no arguments, with scalar leaves, and never __typename', () => {
    const sdl = /* GraphQL */ `
      type Product { upc: String! name: String price: Int reviews: [Review] weight(unit: String!): Int }
      type Review { body: String }
      union Thing = Product | Review
      type Query {
        product(upc: String!): Product
        topProducts(first: Int = 5): [Product]
        things: [Thing]
        version: String!
        me: User
        extra: Int
        more: Int
      }
      type User { id: ID! username: String }
    `;
    const q = starterQuery(sdl)!;
    expect(q).toBe('query Starter {\n  topProducts {\n    upc\n    name\n    price\n  }\n  version\n  me {\n    id\n    username\n  }\n}\n');
    expect(() => parse(q)).not.toThrow();
    expect(q).not.toContain('__typename');
  });

  it('gives up (null) when nothing fits or the schema does not parse', () => {
    expect(starterQuery('type Query { node(id: ID!): String }')).toBeNull();
    expect(starterQuery('not sdl')).toBeNull();
  });
});
