import { describe, expect, it } from 'vitest';
import { interpolate } from './templates.ts';

describe('templates', () => {
  it('interpolates templates deeply and lists what is missing', () => {
    const missing = new Set<string>();
    const value = interpolate(
      { a: '{x}-stack', b: ['{y}'], c: 3 },
      (n) => (n === 'x' ? 'r1' : undefined),
      missing,
    );
    expect(value).toEqual({ a: 'r1-stack', b: ['{y}'], c: 3 });
    expect([...missing]).toEqual(['y']);
  });
});
