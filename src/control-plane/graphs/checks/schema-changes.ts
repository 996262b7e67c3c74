import { buildSubgraphSchema } from '@apollo/subgraph';
import { diff, CriticalityLevel } from '@graphql-inspector/core';
import { createRequire } from 'node:module';
import { parse, type GraphQLSchema } from 'graphql';
import type * as GraphQL from 'graphql';
import { createTwoFilesPatch } from 'diff';
import type { SchemaChange } from '../../../shared/api/schema-registry.ts';

const criticality = {
  [CriticalityLevel.Breaking]: 'breaking',
  [CriticalityLevel.Dangerous]: 'dangerous',
  [CriticalityLevel.NonBreaking]: 'safe',
} as const;

/** Structured changes between two schemas, as @graphql-inspector classifies them. */
export async function schemaChanges(before: GraphQLSchema, after: GraphQLSchema): Promise<SchemaChange[]> {
  const changes = await diff(before, after);
  return changes.map((c) => ({
    type: c.type,
    message: c.message,
    path: c.path ?? null,
    criticality: criticality[c.criticality.level] ?? 'safe',
  }));
}

/**
 * A subgraph SDL (Federation v1 `extend type` or v2 `@link`) is not a valid schema by
 * itself; @apollo/subgraph builds it the way a subgraph server would. The federation
 * additions (_Service, _Entity…) are the same on both sides of a diff and cancel out.
 */
export function buildSubgraph(sdl: string): { schema: GraphQLSchema } | { error: string } {
  try {
    return { schema: buildSubgraphSchema(parse(sdl)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

// graphql ships CommonJS and ESM copies. Node resolves both our import and
// @graphql-inspector's to the CommonJS one, but Vite (tests) hands us the ESM one, and
// inspector's instanceof checks then reject our schema. Taking buildSchema through
// require pins the copy inspector and @apollo/subgraph use, in every runtime.
const { buildSchema } = createRequire(import.meta.url)('graphql') as typeof GraphQL;

export function buildClientSchema(sdl: string): GraphQLSchema {
  return buildSchema(sdl, { assumeValidSDL: true });
}

/** A unified diff, or null when the texts are too different to diff in reasonable time. */
export function unifiedDiff(
  beforeName: string,
  afterName: string,
  before: string,
  after: string,
): string | null {
  return (
    createTwoFilesPatch(beforeName, afterName, before, after, undefined, undefined, {
      context: 3,
      timeout: 3_000,
    }) ?? null
  );
}
