import { Kind, parse, visit, type ASTNode } from 'graphql';

export interface SdlOutline {
  /** Each type defined (or extended) in the document, at its first name. */
  definitions: Map<string, { from: number; to: number }>;
  /** Uses of those types (field types, implements, union members), in document order. */
  refs: { from: number; to: number; name: string }[];
}

const DEFINES = new Set<string>([
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_EXTENSION,
  Kind.INTERFACE_TYPE_EXTENSION,
  Kind.UNION_TYPE_EXTENSION,
  Kind.ENUM_TYPE_EXTENSION,
  Kind.INPUT_OBJECT_TYPE_EXTENSION,
  Kind.SCALAR_TYPE_EXTENSION,
]);

/**
 * Where types are defined and used, from graphql's own parser: CodeMirror's GraphQL grammar
 * colours well but stumbles on fields named like keywords (`type: String` in the supergraph's
 * join directives). An SDL that does not parse gets no links, and is still shown.
 */
export function outlineSdl(sdl: string): SdlOutline {
  const definitions = new Map<string, { from: number; to: number }>();
  const named: { from: number; to: number; name: string }[] = [];
  let document: ASTNode;
  try {
    document = parse(sdl);
  } catch {
    return { definitions, refs: [] };
  }
  visit(document, {
    enter(node) {
      if (DEFINES.has(node.kind) && 'name' in node && node.name?.kind === Kind.NAME && node.name.loc) {
        const { value, loc } = node.name;
        if (!definitions.has(value)) definitions.set(value, { from: loc.start, to: loc.end });
      } else if (node.kind === Kind.NAMED_TYPE && node.loc) {
        named.push({ from: node.name.loc?.start ?? node.loc.start, to: node.name.loc?.end ?? node.loc.end, name: node.name.value });
      }
    },
  });
  return { definitions, refs: named.filter((r) => definitions.has(r.name)) };
}
