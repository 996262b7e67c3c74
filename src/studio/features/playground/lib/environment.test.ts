import { describe, expect, it } from 'vitest';
import { referencedNames, resolveValues, substitute, substituteDeep } from './environment.ts';

describe('environment templates', () => {
  it('replace {{name}} in text and inside JSON values; personal values win over shared ones', () => {
    const values = resolveValues({ tenant: 'shared', host: 'h' }, { tenant: { value: 'mine', secret: false } });
    expect(substitute('Bearer {{ tenant }}/{{host}}', values, 'headers')).toBe('Bearer mine/h');
    expect(substituteDeep({ a: ['{{host}}', 1, { b: '{{tenant}}' }], n: null }, values, 'variables')).toEqual({ a: ['h', 1, { b: 'mine' }], n: null });
    expect(referencedNames('{{a}} {{b}} {{a}}')).toEqual(['a', 'b']);
  });

  it('name an unknown variable and where it is used', () => {
    expect(() => substitute('{{token}}', {}, 'the Authorization header')).toThrow('The environment has no variable "token" (used in the Authorization header).');
  });
});
