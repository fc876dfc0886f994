import { describe, expect, it } from 'vitest';
import { choose, derivedSeed } from './seed.ts';

const items = [
  { kind: 'a', name: 'a1' },
  { kind: 'a', name: 'a2' },
  { kind: 'a', name: 'a3' },
  { kind: 'b', name: 'b1' },
  { kind: 'c', name: 'c1' },
];

describe('seeds and choices', () => {
  it('derives the same seed for the same purpose, another for another purpose or run seed', () => {
    expect(derivedSeed(1, 'op', 'x')).toBe(derivedSeed(1, 'op', 'x'));
    expect(derivedSeed(1, 'op', 'x')).not.toBe(derivedSeed(1, 'op', 'y'));
    expect(derivedSeed(1, 'op', 'x')).not.toBe(derivedSeed(2, 'op', 'x'));
  });

  it('takes one of each kind before a second of any, up to the bound', () => {
    const picked = choose(items, 4, 9, 'scope');
    expect(picked.slice(0, 3).map((c) => c.kind)).toEqual(['a', 'b', 'c']);
    expect(picked[3]?.kind).toBe('a');
    expect(choose(items, 10, 9, 'scope')).toHaveLength(5);
  });

  it('repeats exactly for a seed and varies the pick within a kind across seeds', () => {
    expect(choose(items, 2, 5, 's')).toEqual(choose(items, 2, 5, 's'));
    const firsts = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => choose(items, 1, seed, 's')[0]?.name));
    expect(firsts.size).toBeGreaterThan(1);
  });
});
