import type { Resolvers } from './serve.ts';

export const productsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Product @key(fields: "upc") {
    upc: String!
    name: String!
    "Price in cents"
    price: Int!
    "Weight in grams"
    weight: Int
  }

  type Query {
    topProducts(first: Int = 5): [Product!]!
    product(upc: String!): Product
  }
`;

interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number | null;
}

export const products: readonly Product[] = [
  { upc: '1', name: 'Table', price: 89900, weight: 12000 },
  { upc: '2', name: 'Couch', price: 129900, weight: 45000 },
  { upc: '3', name: 'Chair', price: 5400, weight: 3500 },
  { upc: '4', name: 'Lamp', price: 2900, weight: 1200 },
  { upc: '5', name: 'Rug', price: 19900, weight: null },
  { upc: '6', name: 'Bookshelf', price: 15900, weight: 22000 },
];

const byUpc = (upc: string) => products.find((p) => p.upc === upc) ?? null;

export const productsResolvers: Resolvers = {
  Query: {
    topProducts: (_: unknown, args: { first?: number | null }) =>
      products.slice(0, Math.max(0, args.first ?? 5)),
    product: (_: unknown, args: { upc: string }) => byUpc(args.upc),
  },
  Product: {
    __resolveReference: (ref: { upc: string }) => byUpc(ref.upc),
  },
};
