import { composeSubgraphs, type SubgraphInput } from '../src/shared/composition/compose.ts';
import { fmt, mb, summarize, table, time } from './lib.ts';

/**
 * A generated federated graph: each subgraph owns one entity, extends its neighbour's
 * entity with a field, and adds a root query field, so composition has real joins to
 * check rather than 50 disjoint schemas.
 */
export function generateSubgraphs(count: number): SubgraphInput[] {
  return Array.from({ length: count }, (_, i) => {
    const next = (i + 1) % count;
    return {
      name: `service-${i}`,
      url: `http://localhost:${4000 + i}/graphql`,
      sdl: `
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
        type Entity${i} @key(fields: "id") {
          id: ID!
          name: String!
          score${i}: Float
          tags: [String!]!
          status: Status${i}!
          nested: Nested${i}
        }
        type Nested${i} { a: Int, b: [Int!], c: String }
        enum Status${i} { ACTIVE INACTIVE ARCHIVED }
        type Entity${next} @key(fields: "id") {
          id: ID!
          related${i}: [Entity${i}!]!
        }
        type Query {
          entity${i}(id: ID!): Entity${i}
          entities${i}(first: Int = 10, after: String): [Entity${i}!]!
        }
      `,
    };
  });
}

export async function benchComposition(): Promise<string> {
  const rows: (string | number)[][] = [];
  for (const count of [10, 50]) {
    const subgraphs = generateSubgraphs(count);
    composeSubgraphs(subgraphs); // warm-up: JIT and library caches
    const samples: number[] = [];
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 10; i++) {
      const { ms, value } = await time(() => composeSubgraphs(subgraphs));
      if (!value.ok) throw new Error(`composition failed: ${value.errors[0]?.message}`);
      samples.push(ms);
    }
    const s = summarize(samples);
    rows.push([count, s.n, fmt(s.p50), fmt(s.p99), fmt(s.min), mb(process.memoryUsage().heapUsed - heapBefore)]);
  }
  return `### Composition (@theguild/federation-composition)\n\n${table(
    ['subgraphs', 'runs', 'p50 ms', 'p99 ms', 'min ms', 'heap growth MB'],
    rows,
  )}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchComposition());
}
