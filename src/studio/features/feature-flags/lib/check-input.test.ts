import { describe, expect, it } from 'vitest';
import { checkMocksJson, checkSdl } from './check-input.ts';

describe('checkSdl', () => {
  it('accepts a valid SDL and reports a syntax error with its line and column', () => {
    expect(checkSdl('type Review { id: ID! headline: String }')).toBeNull();
    expect(checkSdl('type Review {\n  id: ID!\n  headline String\n}')).toMatchObject({ line: 3, column: 12 });
    expect(checkSdl('  ')).toMatchObject({ message: 'The schema is empty' });
  });
});

describe('checkMocksJson', () => {
  it('parses objects, treats empty as {}, and points at the broken spot', () => {
    expect(checkMocksJson('{"Review": {"headline": "Hi"}}')).toEqual({ ok: true, value: { Review: { headline: 'Hi' } } });
    expect(checkMocksJson('')).toEqual({ ok: true, value: {} });
    expect(checkMocksJson('[1]')).toMatchObject({ ok: false });
    const broken = checkMocksJson('{\n  "Review": {\n    "headline": 1,\n  }\n}');
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.problem).toMatchObject({ line: 4, column: 3 });
  });
});
