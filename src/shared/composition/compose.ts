import { composeServices, transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { parse, print, type DocumentNode, type GraphQLError } from 'graphql';
import { repairSupergraph } from './supergraph-repairs.ts';

export interface SubgraphInput {
  name: string;
  /** Where the router reaches it; composition records it in the supergraph's join__graph. */
  url: string;
  sdl: string;
}

export interface CompositionErrorInfo {
  message: string;
  /** The subgraph the error comes from, when it can be told. */
  subgraph: string | null;
  code: string | null;
  line: number | null;
  column: number | null;
}

export type ComposeResult =
  | { ok: true; supergraphSdl: string; clientSchema: string }
  | { ok: false; errors: CompositionErrorInfo[] };

/**
 * Composes Federation v1 or v2 subgraphs with @theguild/federation-composition. A
 * subgraph whose SDL does not parse is reported against that subgraph instead of
 * failing the whole call.
 */
export function composeSubgraphs(subgraphs: SubgraphInput[]): ComposeResult {
  const parsed: { name: string; url: string; typeDefs: DocumentNode }[] = [];
  const errors: CompositionErrorInfo[] = [];
  for (const s of subgraphs) {
    try {
      parsed.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (err) {
      const e = err as GraphQLError;
      errors.push({
        message: `Subgraph "${s.name}": ${e.message}`,
        subgraph: s.name,
        code: 'INVALID_GRAPHQL',
        line: e.locations?.[0]?.line ?? null,
        column: e.locations?.[0]?.column ?? null,
      });
    }
  }
  if (errors.length) return { ok: false, errors };
  if (parsed.length === 0) {
    return { ok: false, errors: [{ message: 'A graph needs at least one subgraph with a schema', subgraph: null, code: 'NO_SUBGRAPHS', line: null, column: null }] };
  }
  let result = composeServices(parsed);
  if (result.errors && onlyFalseRequireFailures(result.errors, parsed)) {
    // The library's satisfiability check rejects @requires selections with type conditions
    // (`data { ... on Bar { bar } }`) that Apollo's composition accepts and routers plan
    // (audit suite requires-with-fragments, decision 0009); the other rules still run.
    result = composeServices(parsed, { disableValidationRules: ['SatisfiabilityRule'] });
  }
  if (result.errors) {
    const names = subgraphs.map((s) => s.name);
    return { ok: false, errors: result.errors.map((e) => describe(e, names)) };
  }
  const repaired = repairSupergraph(result.supergraphDocumentNode, parsed);
  if (!repaired) return { ok: true, supergraphSdl: result.supergraphSdl, clientSchema: result.publicSdl };
  return { ok: true, supergraphSdl: print(repaired), clientSchema: print(transformSupergraphToPublicSchema(repaired)) };
}

/**
 * True when every error is the satisfiability check failing a field's @requires, and each such
 * field's @requires selects through a type condition: the case the check gets wrong.
 */
function onlyFalseRequireFailures(errors: GraphQLError[], subgraphs: { typeDefs: DocumentNode }[]): boolean {
  const requires = new Map<string, string>();
  for (const s of subgraphs)
    for (const def of s.typeDefs.definitions)
      if ('fields' in def && def.fields && 'name' in def && def.name)
        for (const f of def.fields) {
          const d = f.directives?.find((x) => x.name.value === 'requires' || x.name.value === 'federation__requires');
          const v = d?.arguments?.find((a) => a.name.value === 'fields')?.value;
          if (v?.kind === 'StringValue') requires.set(`${def.name.value}.${f.name.value}`, v.value);
        }
  return errors.every((e) => {
    if (e.extensions?.code !== 'SATISFIABILITY_ERROR') return false;
    const fields = [...e.message.matchAll(/cannot satisfy @require conditions on field "(\w+\.\w+)"/g)].map((m) => m[1]!);
    return fields.length > 0 && fields.every((f) => /\.\.\.\s*on\s/.test(requires.get(f) ?? ''));
  });
}

function describe(error: GraphQLError, subgraphNames: string[]): CompositionErrorInfo {
  const code = typeof error.extensions?.code === 'string' ? error.extensions.code : null;
  // The library names subgraphs in its messages as [name] or "name"; take the first known one.
  const subgraph =
    subgraphNames.find((n) => error.message.includes(`[${n}]`)) ??
    subgraphNames.find((n) => error.message.includes(`"${n}"`)) ??
    null;
  return { message: error.message, subgraph, code, line: null, column: null };
}

/** Parses an SDL, turning a syntax error into a message that names line and column. */
export function checkSdlSyntax(sdl: string): { ok: true } | { ok: false; message: string; line: number; column: number } {
  try {
    parse(sdl);
    return { ok: true };
  } catch (err) {
    const e = err as GraphQLError;
    const loc = e.locations?.[0] ?? { line: 1, column: 1 };
    return { ok: false, message: `Syntax error at line ${loc.line}, column ${loc.column}: ${e.message.replace(/^Syntax Error: /, '')}`, line: loc.line, column: loc.column };
  }
}
