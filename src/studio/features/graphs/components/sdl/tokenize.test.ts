import { describe, expect, it } from 'vitest';
import { findMatches, tokenizeSdl, toLines } from './tokenize.ts';

const sdl = `# products
"""A thing we sell"""
type Product implements Node @key(fields: "id") {
  id: ID!
  type: String
  related(first: Int = 5, exact: Boolean = true): [Product!]!
}
interface Node { id: ID! }
union Result = Product | Node
`;

function kindsOf(text: string) {
  const { segments } = tokenizeSdl(text);
  return segments.map((s) => [text.slice(s.start, s.end), s.kind, s.ref ?? s.defines ?? null] as const).filter(([t]) => t.trim());
}

describe('tokenizeSdl', () => {
  it('covers the whole text, so rendering loses nothing', () => {
    const { segments } = tokenizeSdl(sdl);
    expect(segments.map((s) => sdl.slice(s.start, s.end)).join('')).toBe(sdl);
    const broken = 'type Query {\n  a: "unterminated\n}\n';
    expect(tokenizeSdl(broken).segments.map((s) => broken.slice(s.start, s.end)).join('')).toBe(broken);
  });

  it('tells definitions, references, fields, keywords, directives, descriptions and strings apart', () => {
    const kinds = kindsOf(sdl);
    expect(tokenizeSdl(sdl).definitions).toEqual(new Set(['Product', 'Node', 'Result']));
    expect(kinds).toContainEqual(['# products', 'comment', null]);
    expect(kinds).toContainEqual(['"""A thing we sell"""', 'description', null]);
    expect(kinds).toContainEqual(['"id"', 'string', null]);
    expect(kinds[2]).toEqual(['type', 'keyword', null]);
    expect(kinds).toContainEqual(['Product', 'definition', 'Product']);
    expect(kinds).toContainEqual(['@', 'directive', null]);
    expect(kinds).toContainEqual(['key', 'directive', null]);
    // A field may be called "type": it is a field, not the keyword.
    expect(kinds.filter(([t, k]) => t === 'type' && k === 'field')).toHaveLength(1);
    expect(kinds.filter(([t, k, ref]) => t === 'Product' && k === 'type' && ref === 'Product')).toHaveLength(2);
    expect(kinds.filter(([t, k, ref]) => t === 'Node' && k === 'type' && ref === 'Node')).toHaveLength(2);
    expect(kinds).toContainEqual(['String', 'type', null]);
    expect(kinds).toContainEqual(['5', 'number', null]);
    expect(kinds).toContainEqual(['true', 'number', null]);
    // Only the first definition of a name is its anchor.
    expect(kinds.filter(([, , ref]) => ref === 'Product').length).toBe(3);
  });
});

describe('toLines with search matches', () => {
  it('splits pieces at match edges and newlines, numbering matches in order', () => {
    const text = 'type Product {\n  product: Product\n}';
    const { segments } = tokenizeSdl(text);
    const matches = findMatches(text, 'PRODUCT');
    expect(matches).toEqual([
      [5, 12],
      [17, 24],
      [26, 33],
    ]);
    const lines = toLines(text, segments, matches);
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.map((p) => p.text).join(''))).toEqual(text.split('\n'));
    const matched = lines.flat().filter((p) => p.match !== undefined);
    expect(matched.map((p) => [p.text, p.match])).toEqual([
      ['Product', 0],
      ['product', 1],
      ['Product', 2],
    ]);
  });

  it('finds nothing for a blank query', () => {
    expect(findMatches('type A { a: Int }', '  ')).toEqual([]);
  });
});
