import type { Resolvers } from './serve.ts';

export const reviewsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Review @key(fields: "id") {
    id: ID!
    body: String!
    rating: Int!
    author: User!
    product: Product!
  }

  type User @key(fields: "id") {
    id: ID!
    reviews: [Review!]
  }

  type Product @key(fields: "upc") {
    upc: String!
    reviews: [Review!]
  }
`;

interface Review {
  id: string;
  body: string;
  rating: number;
  authorId: string;
  upc: string;
}

export const reviews: readonly Review[] = [
  { id: '1', body: 'Sturdy and good value.', rating: 5, authorId: '1', upc: '1' },
  { id: '2', body: 'Wobbles a little on tiles.', rating: 3, authorId: '2', upc: '1' },
  { id: '3', body: 'Too soft for my taste.', rating: 2, authorId: '1', upc: '2' },
  { id: '4', body: 'Comfortable for long calls.', rating: 4, authorId: '3', upc: '3' },
  { id: '5', body: 'Warm light, nice switch.', rating: 5, authorId: '2', upc: '4' },
  { id: '6', body: 'Colours as pictured.', rating: 4, authorId: '3', upc: '5' },
];

export const reviewsResolvers: Resolvers = {
  Review: {
    __resolveReference: (ref: { id: string }) => reviews.find((r) => r.id === ref.id) ?? null,
    author: (review: Review) => ({ __typename: 'User', id: review.authorId }),
    product: (review: Review) => ({ __typename: 'Product', upc: review.upc }),
  },
  User: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    reviews: (user: { id: string }) => reviews.filter((r) => r.authorId === user.id),
  },
  Product: {
    __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
    reviews: (product: { upc: string }) => reviews.filter((r) => r.upc === product.upc),
  },
};
