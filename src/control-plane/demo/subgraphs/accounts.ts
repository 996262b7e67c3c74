import type { Resolvers } from './serve.ts';

export const accountsSdl = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type User @key(fields: "id") {
    id: ID!
    name: String!
    username: String!
  }

  type Query {
    "The signed-in user; in the demo always Ada."
    me: User
    user(id: ID!): User
  }
`;

interface User {
  id: string;
  name: string;
  username: string;
}

export const users: readonly User[] = [
  { id: '1', name: 'Ada Lovelace', username: '@ada' },
  { id: '2', name: 'Alan Turing', username: '@complete' },
  { id: '3', name: 'Grace Hopper', username: '@grace' },
];

const byId = (id: string) => users.find((u) => u.id === id) ?? null;

export const accountsResolvers: Resolvers = {
  Query: {
    me: () => users[0],
    user: (_: unknown, args: { id: string }) => byId(args.id),
  },
  User: {
    __resolveReference: (ref: { id: string }) => byId(ref.id),
  },
};
