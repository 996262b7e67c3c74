// Deep imports: the package index would tie this page to the whole of graphql-js (~45 KB
// gzipped, shared with the playground), where the lexer alone is a few KB.
import type { Token } from 'graphql/language/ast';
import { Lexer } from 'graphql/language/lexer';
import { Source } from 'graphql/language/source';
import { TokenKind } from 'graphql/language/tokenKind';

export type SegmentKind =
  | 'plain'
  | 'comment'
  | 'keyword'
  | 'definition'
  | 'type'
  | 'field'
  | 'directive'
  | 'string'
  | 'description'
  | 'number'
  | 'punct';

export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
  /** a type defined in this document that the segment refers to (a link) */
  ref?: string;
  /** the type this segment defines (an anchor) */
  defines?: string;
}

const KEYWORDS = new Set([
  'type',
  'interface',
  'union',
  'enum',
  'input',
  'scalar',
  'schema',
  'extend',
  'directive',
  'implements',
  'repeatable',
  'on',
  'query',
  'mutation',
  'subscription',
]);
const DEFINING = new Set(['type', 'interface', 'union', 'enum', 'input', 'scalar']);
const BUILTIN_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
const REFERENCE_AFTER = new Set<TokenKind>([TokenKind.COLON, TokenKind.BRACKET_L, TokenKind.AMP, TokenKind.PIPE, TokenKind.EQUALS]);

function lex(sdl: string): Token[] {
  const tokens: Token[] = [];
  const lexer = new Lexer(new Source(sdl));
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) tokens.push(token);
  } catch {
    // A syntax error: what lexed so far is coloured, the rest stays plain text.
  }
  return tokens;
}

/** Whitespace, commas and comments between tokens. */
function gapSegments(sdl: string, start: number, end: number, out: Segment[]) {
  let at = start;
  while (at < end) {
    const hash = sdl.indexOf('#', at);
    if (hash < 0 || hash >= end) break;
    if (hash > at) out.push({ start: at, end: hash, kind: 'plain' });
    let eol = sdl.indexOf('\n', hash);
    if (eol < 0 || eol > end) eol = end;
    out.push({ start: hash, end: eol, kind: 'comment' });
    at = eol;
  }
  if (at < end) out.push({ start: at, end, kind: 'plain' });
}

/**
 * Splits an SDL into coloured segments with graphql's own lexer, so strings, block
 * strings and comments are never mistaken for code. Covers the whole text, gaps included.
 */
export function tokenizeSdl(sdl: string): { segments: Segment[]; definitions: Set<string> } {
  const tokens = lex(sdl);
  const definitions = new Set<string>();
  tokens.forEach((t, i) => {
    const prev = tokens[i - 1];
    if (t.kind === TokenKind.NAME && prev?.kind === TokenKind.NAME && DEFINING.has(prev.value) && tokens[i - 2]?.kind !== TokenKind.AT) {
      definitions.add(t.value);
    }
  });

  const segments: Segment[] = [];
  const anchored = new Set<string>();
  let cursor = 0;
  tokens.forEach((t, i) => {
    if (t.start > cursor) gapSegments(sdl, cursor, t.start, segments);
    cursor = t.end;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const segment: Segment = { start: t.start, end: t.end, kind: 'punct' };
    switch (t.kind) {
      case TokenKind.STRING:
      case TokenKind.BLOCK_STRING:
        segment.kind = prev && (prev.kind === TokenKind.COLON || prev.kind === TokenKind.EQUALS || prev.kind === TokenKind.BRACKET_L) ? 'string' : 'description';
        break;
      case TokenKind.INT:
      case TokenKind.FLOAT:
        segment.kind = 'number';
        break;
      case TokenKind.AT:
        segment.kind = 'directive';
        break;
      case TokenKind.NAME: {
        const value = t.value;
        if (prev?.kind === TokenKind.AT) segment.kind = 'directive';
        else if (next && (next.kind === TokenKind.COLON || next.kind === TokenKind.PAREN_L)) segment.kind = 'field';
        else if ((value === 'true' || value === 'false' || value === 'null') && prev && (prev.kind === TokenKind.EQUALS || prev.kind === TokenKind.COLON)) {
          segment.kind = 'number';
        } else if (KEYWORDS.has(value) && next && next.kind !== TokenKind.PAREN_L) segment.kind = 'keyword';
        else if (prev?.kind === TokenKind.NAME && DEFINING.has(prev.value)) {
          segment.kind = 'definition';
          if (!anchored.has(value)) {
            anchored.add(value);
            segment.defines = value;
          }
        } else if (definitions.has(value) && prev && (REFERENCE_AFTER.has(prev.kind) || prev.value === 'implements')) {
          segment.kind = 'type';
          segment.ref = value;
        } else if (BUILTIN_SCALARS.has(value) && prev && REFERENCE_AFTER.has(prev.kind)) segment.kind = 'type';
        else segment.kind = 'plain';
        break;
      }
      default:
        segment.kind = 'punct';
    }
    segments.push(segment);
  });
  if (cursor < sdl.length) gapSegments(sdl, cursor, sdl.length, segments);
  return { segments, definitions };
}

export interface Piece {
  text: string;
  kind: SegmentKind;
  ref?: string;
  defines?: string;
  /** index of the search match this piece belongs to */
  match?: number;
}

/** All case-insensitive occurrences of `query`, as [start, end) pairs. */
export function findMatches(text: string, query: string): [number, number][] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [];
  const haystack = text.toLowerCase();
  const out: [number, number][] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    out.push([at, at + needle.length]);
    if (out.length >= 5000) break;
  }
  return out;
}

/** Cuts segments at newlines and match edges, giving one array of pieces per line. */
export function toLines(text: string, segments: Segment[], matches: [number, number][]): Piece[][] {
  const lines: Piece[][] = [[]];
  let m = 0;
  for (const segment of segments) {
    let at = segment.start;
    while (at < segment.end) {
      while (m < matches.length && matches[m]![1] <= at) m++;
      const match = matches[m];
      const inMatch = match !== undefined && match[0] <= at;
      let stop = segment.end;
      if (match) stop = Math.min(stop, inMatch ? match[1] : match[0]);
      const newline = text.indexOf('\n', at);
      if (newline >= 0 && newline < stop) stop = newline;
      if (stop > at) {
        const piece: Piece = { text: text.slice(at, stop), kind: segment.kind };
        if (segment.ref) piece.ref = segment.ref;
        if (segment.defines) piece.defines = segment.defines;
        if (inMatch) piece.match = m;
        lines[lines.length - 1]!.push(piece);
        at = stop;
      }
      if (text[at] === '\n' && at < segment.end) {
        lines.push([]);
        at++;
      }
    }
  }
  return lines;
}
