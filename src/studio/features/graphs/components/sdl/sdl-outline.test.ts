import { describe, expect, it } from 'vitest';
import { outlineSdl } from './sdl-outline.ts';
import { findMatches } from './sdl-search.ts';

const sdl = `# type Fake in a comment
"""A thing we sell, of type Fake"""
type Product implements Node @key(fields: "id Fake") {
  id: ID!
  related(first: Int = 5): [Product!]!
}
interface Node { id: ID! }
union Result = Product | Node
extend type Query { top: Product, other: Missing }
`;

describe('outlineSdl', () => {
  it('finds each defined type once and links its uses, never inside strings or comments', () => {
    const { definitions, refs } = outlineSdl(sdl);
    expect([...definitions.keys()]).toEqual(['Product', 'Node', 'Result', 'Query']);
    const product = definitions.get('Product')!;
    expect(sdl.slice(product.from, product.to)).toBe('Product');
    expect(sdl.slice(0, product.from)).toContain('type ');
    // ID and Missing are not defined here: no link.
    expect(refs.map((r) => r.name)).toEqual(['Node', 'Product', 'Product', 'Node', 'Product']);
    for (const r of refs) expect(sdl.slice(r.from, r.to)).toBe(r.name);
  });

  it('takes a field named like a keyword for a field, and gives an unparsable SDL no links', () => {
    const join = 'directive @join__field(graph: G, type: String) on FIELD_DEFINITION\nenum G { A }\nscalar S\n';
    expect([...outlineSdl(join).definitions.keys()]).toEqual(['G', 'S']);
    expect(outlineSdl('type Broken {').definitions.size).toBe(0);
  });
});

describe('findMatches', () => {
  it('is case-insensitive, ignores surrounding spaces and finds nothing for an empty query', () => {
    expect(findMatches('Product product PRODUCT', ' product ')).toEqual([
      [0, 7],
      [8, 15],
      [16, 23],
    ]);
    expect(findMatches('abc', '   ')).toEqual([]);
  });
});
